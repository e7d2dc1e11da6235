import { describe, expect, it } from 'vitest';
import { RingBuffer } from './ring-buffer';

const filled = (capacity: number, count: number) => {
  const buf = new RingBuffer<number>(capacity);
  for (let i = 1; i <= count; i += 1) buf.push(i);
  return buf;
};

describe('RingBuffer', () => {
  it.each([[0], [-1], [1.5], [Number.NaN], [Number.POSITIVE_INFINITY]])(
    'rejects capacity %s',
    (capacity) => {
      expect(() => new RingBuffer(capacity)).toThrow(RangeError);
    },
  );

  it('starts empty', () => {
    const buf = new RingBuffer<string>(3);
    expect(buf.size).toBe(0);
    expect(buf.capacity).toBe(3);
    expect(buf.version).toBe(0);
    expect(buf.dropped).toBe(0);
    expect(buf.at(0)).toBeUndefined();
    expect(buf.toArray()).toEqual([]);
  });

  it('indexes newest first before it is full', () => {
    const buf = filled(3, 2);
    expect(buf.size).toBe(2);
    expect(buf.at(0)).toBe(2);
    expect(buf.at(1)).toBe(1);
    expect(buf.at(2)).toBeUndefined();
    expect(buf.toArray()).toEqual([2, 1]);
    expect(buf.dropped).toBe(0);
  });

  it('overwrites the oldest when full', () => {
    const buf = filled(3, 4);
    expect(buf.size).toBe(3);
    expect(buf.toArray()).toEqual([4, 3, 2]);
    expect(buf.dropped).toBe(1);
  });

  it('wraps around many times (capacity 3, push 10)', () => {
    const buf = filled(3, 10);
    expect(buf.size).toBe(3);
    expect(buf.toArray()).toEqual([10, 9, 8]);
    expect([buf.at(0), buf.at(1), buf.at(2)]).toEqual([10, 9, 8]);
    expect(buf.dropped).toBe(7);
    expect(buf.version).toBe(10);
  });

  it('matches a naive model after every push', () => {
    const buf = new RingBuffer<number>(4);
    const model: number[] = [];
    for (let i = 0; i < 25; i += 1) {
      buf.push(i);
      model.unshift(i);
      const expected = model.slice(0, 4);
      expect(buf.toArray()).toEqual(expected);
      expected.forEach((v, idx) => expect(buf.at(idx)).toBe(v));
      expect(buf.dropped).toBe(Math.max(0, model.length - 4));
    }
  });

  it.each([[-1], [3], [100], [0.5], [Number.NaN], [Number.POSITIVE_INFINITY]])(
    'at(%s) is out of range',
    (index) => {
      expect(filled(3, 10).at(index)).toBeUndefined();
    },
  );

  it('works with capacity 1', () => {
    const buf = filled(1, 5);
    expect(buf.size).toBe(1);
    expect(buf.at(0)).toBe(5);
    expect(buf.toArray()).toEqual([5]);
    expect(buf.dropped).toBe(4);
  });

  it('keeps undefined and null items as items', () => {
    const buf = new RingBuffer<number | null | undefined>(3);
    buf.push(undefined);
    buf.push(null);
    expect(buf.size).toBe(2);
    expect(buf.toArray()).toEqual([null, undefined]);
  });

  it('increments version on every push and clear, including when empty', () => {
    const buf = new RingBuffer<number>(2);
    buf.push(1);
    expect(buf.version).toBe(1);
    buf.push(2);
    buf.push(3);
    expect(buf.version).toBe(3);
    buf.clear();
    expect(buf.version).toBe(4);
    buf.clear();
    expect(buf.version).toBe(5);
  });

  it('clear empties the buffer and resets dropped', () => {
    const buf = filled(3, 10);
    buf.clear();
    expect(buf.size).toBe(0);
    expect(buf.dropped).toBe(0);
    expect(buf.at(0)).toBeUndefined();
    expect(buf.toArray()).toEqual([]);
    buf.push(42);
    buf.push(43);
    expect(buf.toArray()).toEqual([43, 42]);
    expect(buf.capacity).toBe(3);
  });

  it('keeps 1,000 items newest-first after 100,000 pushes', () => {
    const buf = filled(1_000, 100_000);
    expect(buf.size).toBe(1_000);
    expect(buf.dropped).toBe(99_000);
    expect(buf.version).toBe(100_000);
    expect(buf.at(0)).toBe(100_000);
    expect(buf.at(999)).toBe(99_001);
    expect(buf.at(1_000)).toBeUndefined();
    const arr = buf.toArray();
    expect(arr).toHaveLength(1_000);
    expect(arr.every((v, i) => v === 100_000 - i)).toBe(true);
  });

  it('toArray returns a copy', () => {
    const buf = filled(3, 3);
    const arr = buf.toArray();
    arr.pop();
    expect(buf.toArray()).toEqual([3, 2, 1]);
  });
});

/**
 * A fixed-capacity buffer that keeps the newest items and overwrites the oldest in O(1).
 * Indexing is newest-first (what the event log shows). `version` changes on every mutation so a
 * React `useSyncExternalStore` snapshot can cheaply detect changes.
 */
export class RingBuffer<T> {
  readonly #items: (T | undefined)[];
  readonly #capacity: number;
  /** Index the next push writes to. */
  #head = 0;
  #size = 0;
  #version = 0;
  #dropped = 0;

  /** @throws RangeError when `capacity` is not a positive integer. */
  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity <= 0) {
      throw new RangeError(`RingBuffer capacity must be a positive integer (got ${capacity})`);
    }
    this.#capacity = capacity;
    this.#items = new Array<T | undefined>(capacity).fill(undefined);
  }

  /** Adds an item as the newest, overwriting the oldest one when full. */
  push(item: T): void {
    if (this.#size === this.#capacity) this.#dropped += 1;
    else this.#size += 1;
    this.#items[this.#head] = item;
    this.#head = (this.#head + 1) % this.#capacity;
    this.#version += 1;
  }

  /** Number of items held (at most `capacity`). */
  get size(): number {
    return this.#size;
  }

  /** Maximum number of items held. */
  get capacity(): number {
    return this.#capacity;
  }

  /** Increments on every `push` and `clear`. */
  get version(): number {
    return this.#version;
  }

  /** How many items were overwritten since creation or the last `clear`. */
  get dropped(): number {
    return this.#dropped;
  }

  /**
   * The item at `index`, where 0 is the newest and `size - 1` the oldest. Returns undefined for
   * indexes outside that range or that are not integers (negative indexes do not wrap).
   */
  at(index: number): T | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.#size) return undefined;
    return this.#items[(this.#head - 1 - index + this.#capacity * 2) % this.#capacity];
  }

  /** All items, newest first. */
  toArray(): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.#size; i += 1) {
      out.push(this.#items[(this.#head - 1 - i + this.#capacity) % this.#capacity] as T);
    }
    return out;
  }

  /** Removes all items (releasing references) and resets `dropped`. */
  clear(): void {
    this.#items.fill(undefined);
    this.#head = 0;
    this.#size = 0;
    this.#dropped = 0;
    this.#version += 1;
  }
}

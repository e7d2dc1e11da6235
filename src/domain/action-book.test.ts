import { describe, expect, it } from 'vitest';
import { ActionBook, EARLY_LIMIT } from './action-book';

const T0 = 1_000;

describe('ActionBook', () => {
  it('routes promise outcomes to one action and events to all', () => {
    const book = new ActionBook();
    book.start(
      { id: 'a', method: 'transfer', sessionId: 's1', callerName: 'A', destination: '+1' },
      T0,
    );
    book.start(
      { id: 'b', method: 'transfer', sessionId: 's2', callerName: 'B', destination: '+1' },
      T0,
    );
    expect(book.send('a', { type: 'resolved' }, T0 + 1)).toHaveLength(1);
    expect(book.get('b')?.phase).toBe('requested');
    const changes = book.dispatch({ type: 'participant-left', sessionId: 's1' }, T0 + 2);
    expect(changes.map(([, after]) => [after.id, after.phase])).toEqual([['a', 'done']]);
    expect(book.send('missing', { type: 'resolved' }, T0)).toEqual([]);
  });

  it('replays earlier events of a session to the dial-out that learns it', () => {
    const book = new ActionBook();
    book.start({ id: 'd', method: 'dial-out', callerName: 'D', destination: '+1' }, T0);
    book.dispatch({ type: 'dialout-connected', sessionId: 'x' }, T0 + 1);
    book.dispatch({ type: 'dialout-answered', sessionId: 'x' }, T0 + 2);
    expect(book.get('d')?.phase).toBe('requested');
    const changes = book.send('d', { type: 'resolved', sessionId: 'x' }, T0 + 3);
    expect(book.get('d')?.phase).toBe('answered');
    expect(changes.length).toBeGreaterThanOrEqual(3);
  });

  it('keeps a bounded number of early events', () => {
    const book = new ActionBook();
    book.start({ id: 'd', method: 'dial-out', callerName: 'D', destination: '+1' }, T0);
    book.dispatch({ type: 'dialout-answered', sessionId: 'x' }, T0 + 1);
    for (let i = 0; i < EARLY_LIMIT; i++) {
      book.dispatch({ type: 'participant-left', sessionId: `other-${i}` }, T0 + 2);
    }
    book.send('d', { type: 'resolved', sessionId: 'x' }, T0 + 3);
    // The answer fell out of the window: the dial-out keeps waiting (and will time out).
    expect(book.get('d')?.phase).toBe('requested');
  });
});

import { describe, expect, it } from 'vitest';
import { describeJoinError } from './join-error';

describe('describeJoinError', () => {
  it.each([
    [
      { errorMsg: 'connection-error', error: { type: 'connection-error', msg: 'x' } },
      "Can't reach Daily",
    ],
    [
      new Error(
        'Failed to load call object bundle https://c.daily.co/…: TypeError: Failed to fetch',
      ),
      "Can't reach Daily",
    ],
    ['Joining took longer than 30 s', 'Joining took too long'],
    [{ errorMsg: 'Meeting has ended', error: { type: 'exp-room' } }, 'This room is not open'],
    [
      {
        errorMsg: 'The meeting you are trying to join does not exist.',
        error: { type: 'no-room' },
      },
      'This room does not exist',
    ],
    [{ errorMsg: 'Invalid meeting token' }, 'Daily refused the meeting token'],
    [{ weird: true }, 'Could not join the room'],
  ])('%j → %s', (error, title) => {
    const problem = describeJoinError(error);
    expect(problem.title).toBe(title);
    expect(problem.detail.length).toBeGreaterThan(10);
    expect(problem.technical.length).toBeGreaterThan(0);
  });

  it('keeps the SDK text as technical detail', () => {
    expect(describeJoinError(new Error('boom')).technical).toBe('boom');
  });
});

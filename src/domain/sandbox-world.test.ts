import { describe, expect, it } from 'vitest';
import { DEFAULT_WORLD, webhookRoomName, worldFromSearch, worldRoomOf } from './sandbox-world';

describe('sandbox worlds and the room names their webhooks carry', () => {
  it('names a room by itself in the default world and <room>.<world> in any other', () => {
    expect(webhookRoomName('support', undefined)).toBe('support');
    expect(webhookRoomName('support', DEFAULT_WORLD)).toBe('support');
    expect(webhookRoomName('support', 'e2e-1a2b')).toBe('support.e2e-1a2b');
  });

  it('reads every such name back to its one world and room', () => {
    for (const [room, world] of [
      ['support', DEFAULT_WORLD],
      ['support', 'e2e-1a2b'],
      ['traffic-001', 't_9'],
      ['r'.repeat(128), 'w'.repeat(64)],
    ] as const) {
      expect(worldRoomOf(webhookRoomName(room, world))).toEqual({ world, room });
    }
  });

  it('refuses names that are no room of any world', () => {
    for (const name of [
      '.w',
      'room.',
      'a.b.c',
      'a.b/c',
      `${'r'.repeat(129)}.w`,
      'a.w w',
      'a/b',
      '',
    ]) {
      expect(worldRoomOf(name), name).toBeUndefined();
    }
  });

  it('takes ?world= only when it is a valid world name', () => {
    expect(worldFromSearch('?world=e2e-1a2b&latency=30')).toBe('e2e-1a2b');
    expect(worldFromSearch('?latency=30')).toBeUndefined();
    expect(worldFromSearch('?world=../etc')).toBeUndefined();
    expect(worldFromSearch(`?world=${'w'.repeat(65)}`)).toBeUndefined();
  });
});

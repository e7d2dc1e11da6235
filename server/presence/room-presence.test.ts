import { describe, expect, it } from 'vitest';
import { RoomPresence, type PresentAccount } from './room-presence';

describe('the one presence record', () => {
  it('counts who is in each room now and tells its recorders of each visit, once', () => {
    const visits: string[] = [];
    const presence = new RoomPresence([
      (account: PresentAccount, room: string) => {
        visits.push(`in ${account.username} ${room}`);
        return () => visits.push(`out ${account.username} ${room}`);
      },
    ]);
    const pat = { username: 'pat', displayName: 'Pat Agent' };
    const first = presence.enter('support', pat);
    const second = presence.enter('support', pat);
    const sam = presence.enter('sales', { username: 'sam', displayName: 'Sam' });
    expect(presence.snapshot()).toEqual({ support: ['Pat Agent'], sales: ['Sam'] });
    first();
    first();
    expect(presence.snapshot()).toEqual({ support: ['Pat Agent'], sales: ['Sam'] });
    second();
    sam();
    expect(presence.snapshot()).toEqual({});
    expect(visits).toEqual([
      'in pat support',
      'in pat support',
      'in sam sales',
      'out pat support',
      'out pat support',
      'out sam sales',
    ]);
  });
});

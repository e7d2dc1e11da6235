import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../domain/event-normalise';
import { filterLog, payloadText } from './log-search';

let id = 0;
const entry = (e: Partial<LogEntry>): LogEntry => ({
  id: ++id,
  at: 0,
  kind: 'participant',
  action: 'participant-joined',
  summary: '',
  payload: {},
  ...e,
});

const bobJoined = entry({
  sessionId: 'bob-1',
  payload: { participant: { user_name: 'Bob', session_id: 'bob-1' } },
});
const bobConnected = entry({
  kind: 'dialin',
  action: 'dialin-connected',
  sessionId: 'bob-1',
  payload: { sipFrom: 'sip:+14155550101@pstn.example' },
});
const carolConnected = entry({
  kind: 'dialin',
  action: 'dialin-connected',
  sessionId: 'carol-1',
  payload: { sipFrom: 'sip:carol@sip.example.com' },
});
const all = [carolConnected, bobConnected, bobJoined];

describe('filterLog', () => {
  it("a leg's name finds all its events, the nameless ones too", () => {
    expect(filterLog(all, { kind: 'all', search: 'BOB' })).toEqual([bobConnected, bobJoined]);
  });
  it('searches the payload and combines with the kind', () => {
    expect(filterLog(all, { kind: 'all', search: 'carol@sip' })).toEqual([carolConnected]);
    expect(filterLog(all, { kind: 'participant', search: 'bob' })).toEqual([bobJoined]);
    expect(filterLog(all, { kind: 'dialin', search: '' })).toEqual([carolConnected, bobConnected]);
    expect(filterLog(all, { kind: 'all', search: 'nobody' })).toEqual([]);
  });
});

describe('payloadText', () => {
  it('writes Sets and Maps as arrays and objects', () => {
    expect(payloadText({ s: new Set([1]), m: new Map([['k', 2]]) })).toBe('{"s":[1],"m":{"k":2}}');
  });
});

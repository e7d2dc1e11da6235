import { beforeEach, describe, expect, it, vi } from 'vitest';

const heard: string[] = [];
vi.mock('../../ui/live-region', () => ({ announce: (text: string) => heard.push(text) }));

const { actionStore } = await import('./action-store');
const { forgetServerLink, reportServerLink, useLinkUnavailable } =
  await import('./server-link-store');
const { createElement: h } = await import('react');
const { renderToStaticMarkup } = await import('react-dom/server');
const { LINK_LIVE, attemptScheduled, linkLost } = await import('../../domain/server-link');

function transfer(id: string, sessionId: string) {
  return actionStore.start({
    id,
    method: 'transfer',
    sessionId,
    callerName: `Caller ${id}`,
    destination: '+14155550123',
  });
}

describe('reportServerLink', () => {
  beforeEach(() => {
    forgetServerLink();
    heard.length = 0;
  });

  it('losing the link settles the actions in flight as outcome unknown, once', () => {
    transfer('t1', 'leg-1');
    actionStore.send('t1', { type: 'resolved' });
    transfer('t2', 'leg-2');
    actionStore.send('t2', { type: 'rejected', reason: 'no such leg' });
    heard.length = 0;
    const lost = linkLost(Date.now());
    reportServerLink(lost);
    expect(actionStore.get('t1')?.phase).toBe('outcome-unknown');
    // Already settled before the loss: left as it was.
    expect(actionStore.get('t2')?.phase).toBe('failed');
    expect(heard).toEqual(['Caller t1: Outcome unknown — connection lost']);
    // The attempts that follow change what the banner shows, not the actions, and say nothing.
    transfer('t3', 'leg-3');
    heard.length = 0;
    reportServerLink(attemptScheduled(lost, Date.now() + 500));
    expect(actionStore.get('t3')?.phase).toBe('requested');
    expect(heard).toEqual([]);
  });

  it('coming back is announced; leaving the call is not', () => {
    reportServerLink(linkLost(Date.now()));
    heard.length = 0; // (the previous test's action in flight, settled)
    reportServerLink(LINK_LIVE);
    expect(heard).toEqual(["Reconnected to the console's server. Actions are available again."]);
    heard.length = 0;
    reportServerLink(linkLost(Date.now()));
    forgetServerLink();
    expect(heard).toEqual([]);
  });
});

describe('useLinkUnavailable', () => {
  const shown = () => renderToStaticMarkup(h(() => useLinkUnavailable() ?? 'sendable'));

  it('names the unreachable server while the link is down, nothing once it is back', () => {
    forgetServerLink();
    expect(shown()).toBe('sendable');
    reportServerLink(linkLost(1_000));
    expect(shown()).toContain('The console&#x27;s server is unreachable');
    reportServerLink(LINK_LIVE);
    expect(shown()).toBe('sendable');
  });
});

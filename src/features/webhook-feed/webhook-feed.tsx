import { useEffect, useRef, useSyncExternalStore } from 'react';
import {
  dialEventFromWebhook,
  transferInput,
  webhookTimeMs,
  type WebhookEnvelope,
} from '../../domain/webhook-event';
import type { SandboxDriver } from '../../daily';
import type { ActionInput } from '../../domain/leg-action';
import { announce } from '../../ui/live-region';
import { Badge } from '../../ui/badge';
import { actionStore, actorStore, setClaimSender } from '../../shared/action-engine';
import { api } from '../../shared/account-data';
import { actorPhrase, readConsoleAction, type ConsoleAction } from '../../domain/console-action';
import { eventLog } from '../../shared/event-log-store';
import { legInfo } from '../../shared/leg-data';
import { connectFeed } from './connect-feed';
import { feedStatus } from './webhook-feed-store';

/** One webhook into the log, the leg-action machine and the leg stores. */
function apply(envelope: WebhookEnvelope): void {
  const sessionId =
    typeof envelope.payload.session_id === 'string' ? envelope.payload.session_id : undefined;
  // When it happened, not when this console heard it (a late joiner hears old ones at once).
  const at = webhookTimeMs(envelope, Date.now());
  const acted = readConsoleAction(envelope);
  if (acted) return noteActor(acted, envelope, at);
  eventLog.push(
    {
      kind: 'webhook',
      action: `webhook:${envelope.type}`,
      ...(sessionId ? { sessionId } : {}),
      summary: `Daily webhook ${envelope.type}${sessionId ? ` (${sessionId})` : ''}`,
      payload: envelope,
    },
    at,
  );
  const transfer = transferInput(envelope);
  if (transfer) {
    if (transfer.type === 'transfer-webhook') observeTransfer(transfer, envelope, at);
    return actionStore.dispatch(transfer, at);
  }
  const dial = dialEventFromWebhook(envelope);
  if (dial) {
    legInfo.ingest(dial);
    actionStore.ingestDailyEvent(dial);
  }
}

/**
 * A transfer or refer this console did not start (another agent, the REST API, a bot): the
 * webhook is the only sign of it, so it becomes an observed action — the leg's departure then
 * reads "transferred", not a hang-up.
 */
function observeTransfer(
  input: Extract<ActionInput, { type: 'transfer-webhook' }>,
  envelope: WebhookEnvelope,
  at: number,
): void {
  // One observed action per leg and method: a transfer after a refused refer is news.
  const method = input.refer ? 'refer' : 'transfer';
  const known = actionStore
    .all()
    .some(
      (a) =>
        a.sessionId === input.sessionId &&
        (a.method === method || (input.refer === undefined && a.method === 'refer')),
    );
  const info = legInfo.get(input.sessionId);
  // Only legs this console saw in its room (the webhook may be about another room's leg).
  if (known || !info?.type) return;
  const to = envelope.payload.to_endpoint;
  actionStore.start(
    {
      id: `observed-${method}-${input.sessionId}`,
      method,
      sessionId: input.sessionId,
      legType: info.type,
      // The row's distinguishing label: legs may share the room's dial-in name.
      callerName: legInfo.label(input.sessionId, info.name ?? 'Caller'),
      destination: typeof to === 'string' ? to : '',
      observed: true,
    },
    at,
  );
}

/**
 * The server says who asked for an action on a leg (a supervisor, from the wall or REST). A
 * hang-up is followed here as an observed action (Daily's events then say how it ended); a
 * transfer or refer becomes one when its `calltransfer.*` webhooks come. Either way its row
 * and Recent transfers say who.
 */
function noteActor(acted: ConsoleAction, envelope: WebhookEnvelope, at: number): void {
  eventLog.push(
    {
      kind: 'webhook',
      action: `server:${envelope.type}`,
      sessionId: acted.sessionId,
      summary: `${actorPhrase(acted)} (${acted.method} ${acted.stage}, recorded by the console's server)`,
      payload: envelope,
    },
    at,
  );
  actorStore.record(acted);
  const info = legInfo.get(acted.sessionId);
  if (acted.method !== 'hang-up' || acted.stage !== 'requested' || !info?.type) return;
  if (actionStore.activeFor(acted.sessionId)) return;
  actionStore.start(
    {
      id: `observed-hang-up-${acted.sessionId}`,
      method: 'hang-up',
      via: info.type.endsWith('dial-out') ? 'stop-dial-out' : 'eject',
      sessionId: acted.sessionId,
      legType: info.type,
      callerName: legInfo.label(acted.sessionId, info.name ?? 'Caller'),
      destination: '',
      observed: true,
    },
    at,
  );
}

const WORDS = {
  off: 'Webhook feed off',
  connecting: 'Connecting to the webhook feed…',
  live: 'Webhook feed live',
  offline: 'Live webhook feed offline — statuses come from SDK events only',
  reconnecting:
    "Webhook feed reconnecting — can't reach the console's server; statuses come from SDK events meanwhile",
} as const;

/**
 * Subscribes to Daily's webhooks for `room` through the console's server and shows whether the
 * feed is live. Without it the console still works from SDK events alone, and says so.
 */
export function WebhookFeed({ room, sandbox }: { room: string; sandbox?: SandboxDriver | null }) {
  useEffect(() => connectFeed(room, apply), [room]);
  const { status } = useSyncExternalStore(feedStatus.subscribe, feedStatus.get, feedStatus.get);
  // In-tab sandbox: while the server is there, it plays Daily and sends this room's webhooks.
  // (The server's shared sandbox sends its webhooks itself.)
  const live = status === 'live';
  useEffect(() => {
    const onWebhook = sandbox?.onWebhook?.bind(sandbox);
    if (!live || !onWebhook) return;
    let stop: (() => void) | undefined;
    let cancelled = false;
    void import('../../daily').then(({ relaySandboxWebhooks }) => {
      if (!cancelled) stop = relaySandboxWebhooks({ onWebhook });
    });
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [live, sandbox]);
  // While the server is there, this console's own actions are told to it (who acted).
  useEffect(() => {
    if (!live) return;
    return setClaimSender((claim) => {
      const path = `/api/rooms/${encodeURIComponent(room)}/legs/${encodeURIComponent(claim.sessionId)}/claim`;
      const body = {
        method: claim.method,
        ...(claim.toEndpoint ? { toEndpoint: claim.toEndpoint } : {}),
      };
      api(path, { method: 'POST', body }).catch(() => undefined);
    });
  }, [live, room]);
  // Announce changes, not the first answer: a console without a server says so in the badge
  // without talking over "Joined."; losing or regaining a feed that was live is announced.
  const wasLive = useRef(false);
  useEffect(() => {
    if (status === 'live') {
      if (wasLive.current) announce(WORDS.live);
      wasLive.current = true;
    } else if (status === 'reconnecting' && wasLive.current) {
      announce(WORDS.reconnecting);
    }
  }, [status]);
  const tone =
    status === 'live'
      ? 'success'
      : status === 'offline' || status === 'reconnecting'
        ? 'warning'
        : 'neutral';
  return (
    <span data-testid="webhook-feed" title={WORDS[status]}>
      <Badge tone={tone}>{WORDS[status]}</Badge>
    </span>
  );
}

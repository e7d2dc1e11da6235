import { useSyncExternalStore } from 'react';
import type { ConsoleActionMethod } from '../../domain/console-action';
import { createStore } from '../../domain/store';
import { announce } from '../../ui/live-region';
import { api, ApiError } from '../../shared/account-data';
import { VIA_HEADER } from '../../domain/console-action';

/**
 * What this wall asked of the server, per leg, for the row's live status: sending, accepted
 * (202: Daily took it; the leg's state then comes from Daily's webhooks), or refused with the
 * server's words. The requests are the existing REST routes; the header tells the server they
 * came from the wall (so the room reads "from the wall").
 */
export type WallRequest =
  | { method: ConsoleActionMethod; status: 'sending' | 'accepted'; destination?: string }
  | { method: ConsoleActionMethod; status: 'failed'; error: string; destination?: string };

const requests = createStore<ReadonlyMap<string, WallRequest>>(new Map());

function put(sessionId: string, request: WallRequest): void {
  requests.set((prev) => new Map(prev).set(sessionId, request));
}

const VERBS: Record<ConsoleActionMethod, string> = {
  'hang-up': 'Hang-up',
  transfer: 'Transfer',
  refer: 'Refer',
};

/** One request's status in words, for the row. */
export function requestWords(r: WallRequest): string {
  const verb = VERBS[r.method];
  if (r.status === 'sending') return `${verb}: sending…`;
  if (r.status === 'accepted') return `${verb} requested by you — Daily accepted it`;
  return r.status === 'failed' ? `${verb} failed: ${r.error}` : `${verb}: sending…`;
}

const PATHS: Record<ConsoleActionMethod, string> = {
  'hang-up': 'hangup',
  transfer: 'transfer',
  refer: 'refer',
};

/**
 * Sends one action; resolves with the server's refusal (message and field) or undefined once
 * accepted, so a dialog can keep itself open and show why.
 */
export async function sendWallAction(
  leg: { room: string; sessionId: string; name: string },
  method: ConsoleActionMethod,
  body: Record<string, unknown> = {},
): Promise<{ error: string; field?: string } | undefined> {
  const destination = typeof body.destination === 'string' ? body.destination : undefined;
  const base = { method, ...(destination ? { destination } : {}) };
  put(leg.sessionId, { ...base, status: 'sending' });
  try {
    await api(
      `/api/rooms/${encodeURIComponent(leg.room)}/legs/${encodeURIComponent(leg.sessionId)}/${PATHS[method]}`,
      { method: 'POST', body, headers: { [VIA_HEADER]: 'wall' } },
    );
    put(leg.sessionId, { ...base, status: 'accepted' });
    announce(`${leg.name}: ${requestWords({ ...base, status: 'accepted' })}`);
    return undefined;
  } catch (error) {
    const message = (error as Error).message;
    put(leg.sessionId, { ...base, status: 'failed', error: message });
    announce(`${leg.name}: ${VERBS[method]} failed: ${message}`);
    return {
      error: message,
      ...(error instanceof ApiError && error.field ? { field: error.field } : {}),
    };
  }
}

export function useWallRequest(sessionId: string): WallRequest | undefined {
  const all = useSyncExternalStore(requests.subscribe, requests.get, requests.get);
  return all.get(sessionId);
}

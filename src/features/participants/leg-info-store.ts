import { addressFromSipFrom } from '../../domain/identity';

export type LegStatus = 'connecting' | 'connected' | 'ringing' | 'answered' | 'ended' | 'failed';

/** What the participant object does not carry: the caller's address and the leg's SIP state. */
export interface LegInfo {
  address?: string;
  status: LegStatus;
  detail?: string;
  provider?: string;
}

const legs = new Map<string, LegInfo>();
const listeners = new Set<() => void>();

function update(sessionId: string, patch: Partial<LegInfo>) {
  const prev = legs.get(sessionId) ?? { status: 'connecting' as const };
  legs.set(sessionId, { ...prev, ...patch });
  for (const l of [...listeners]) l();
}

type Ev = { action: string } & Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

export const legInfo = {
  get: (sessionId: string): LegInfo | undefined => legs.get(sessionId),
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  /** Remember where a dial-out was sent, as soon as its session id is known. */
  noteDestination(sessionId: string, destination: string): void {
    update(sessionId, {
      address: destination,
      status: legs.get(sessionId)?.status ?? 'connecting',
    });
  },
  /** Feed every Daily event; only dial events change leg info. */
  ingest(ev: Ev): void {
    const id = str(ev.sessionId);
    if (!id) return;
    switch (ev.action) {
      case 'dialin-connected':
        update(id, {
          address: addressFromSipFrom(str(ev.sipFrom)) ?? legs.get(id)?.address,
          status: 'connected',
          provider: str(ev.provider),
        });
        break;
      case 'dialout-connected':
        update(id, { address: str(ev.destination) ?? legs.get(id)?.address, status: 'ringing' });
        break;
      case 'dialout-answered':
        update(id, { address: str(ev.destination) ?? legs.get(id)?.address, status: 'answered' });
        break;
      case 'dialin-stopped':
      case 'dialout-stopped':
        if (legs.get(id)?.status !== 'failed') update(id, { status: 'ended' });
        break;
      case 'dialin-error':
      case 'dialout-error':
        update(id, { status: 'failed', detail: str(ev.errorMsg) });
        break;
      case 'dialin-warning':
      case 'dialout-warning':
        update(id, { detail: str(ev.errorMsg) });
        break;
    }
  },
  /** Forget everything (on leave). */
  clear(): void {
    legs.clear();
    for (const l of [...listeners]) l();
  },
};

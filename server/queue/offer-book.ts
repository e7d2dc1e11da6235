/**
 * The queue engine's offers: which call rings at which agent (at most one per agent), and who
 * declined or let a call ring out (it is not offered to them again). In memory only: after a
 * restart the waiting calls are offered afresh.
 */
import type { Queue, QueueCall } from './queue-store';

export interface Offer {
  callId: string;
  username: string;
  expiresAt: number;
}

export class OfferBook {
  private readonly byCall = new Map<string, Map<string, Offer>>();
  private readonly byAgent = new Map<string, Offer>();
  private readonly declined = new Map<string, Set<string>>();

  /** `told` hears of every agent whose offer appeared or went. */
  constructor(private readonly told: (username: string) => void) {}

  get size(): number {
    return this.byAgent.size;
  }

  of(username: string): Offer | undefined {
    return this.byAgent.get(username);
  }

  has(callId: string, username: string): boolean {
    return this.byCall.get(callId)?.has(username) ?? false;
  }

  all(): Offer[] {
    return [...this.byAgent.values()];
  }

  /**
   * Whom to offer a waiting call now: `free` agents of its queue who have not declined it, the
   * longest idle first; one at a time (`longest-idle`) or all of them (`ring-all`). Returns how
   * many agents it now rings at.
   */
  offer(
    call: QueueCall,
    queue: Queue,
    free: (username: string) => boolean,
    idleSince: (username: string) => number,
    expiresAt: number,
  ): number {
    const ringing = this.byCall.get(call.callId);
    if (queue.strategy === 'longest-idle' && ringing?.size) return 0;
    const declined = this.declined.get(call.callId);
    const candidates = queue.members
      .filter((m) => free(m) && !this.byAgent.has(m) && !declined?.has(m) && !ringing?.has(m))
      .sort((a, b) => idleSince(a) - idleSince(b));
    const chosen = queue.strategy === 'ring-all' ? candidates : candidates.slice(0, 1);
    for (const username of chosen) {
      const offer = { callId: call.callId, username, expiresAt };
      let map = this.byCall.get(call.callId);
      if (!map) this.byCall.set(call.callId, (map = new Map()));
      map.set(username, offer);
      this.byAgent.set(username, offer);
      this.told(username);
    }
    return chosen.length;
  }

  /** Ends an offer; `declined` keeps the call from being offered to that agent again. */
  drop(offer: Offer, declined: boolean): void {
    const map = this.byCall.get(offer.callId);
    map?.delete(offer.username);
    if (map && map.size === 0) this.byCall.delete(offer.callId);
    if (this.byAgent.get(offer.username) === offer) this.byAgent.delete(offer.username);
    if (declined) {
      let set = this.declined.get(offer.callId);
      if (!set) this.declined.set(offer.callId, (set = new Set()));
      set.add(offer.username);
    }
    this.told(offer.username);
  }

  /** Withdraws every offer of a call (it was won, given up or ended). */
  dropCall(callId: string): void {
    for (const offer of [...(this.byCall.get(callId)?.values() ?? [])]) this.drop(offer, false);
    this.declined.delete(callId);
  }

  /** Withdraws whatever is offered to `username` (not counted as a decline). */
  withdraw(username: string): void {
    const offer = this.byAgent.get(username);
    if (offer) this.drop(offer, false);
  }
}

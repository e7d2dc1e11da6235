import type { SandboxContext } from './sandbox-context';
import { createDialInLeg, dialInDetails, type DialInInit, type PhoneLeg } from './sandbox-legs';
import { createParticipant } from './sandbox-participants';
import { randomId } from './sandbox-util';
import { validateDialInOptions } from './sandbox-validate';

/**
 * What happens at the far end: callers dialling in, hanging up, crowds for performance work and
 * other agents. `SandboxCall` exposes these as its simulation controls (documented there).
 */
export class SandboxSimulation {
  private nextCaller = 1;

  constructor(private readonly ctx: SandboxContext) {}

  dialIn(options: DialInInit): Promise<string> {
    const { meeting, requests, timers, settings, emitter } = this.ctx;
    if (!meeting.joined) {
      return Promise.reject(new Error('dialIn() needs a joined sandbox room: call join() first'));
    }
    const invalid = validateDialInOptions(options);
    if (invalid) return Promise.reject(new TypeError(invalid));
    const leg = createDialInLeg({
      kind: options.kind,
      from: options.from,
      ...(options.name !== undefined ? { name: options.name } : {}),
    });
    meeting.addLeg(leg);
    return new Promise((resolve, reject) => {
      const settled = requests.track('dialIn', reject);
      timers.after(settings.latencyMs, () => meeting.admit([leg]));
      timers.after(settings.latencyMs, () => {
        settled();
        if (meeting.liveLeg(leg.sessionId) !== leg) {
          return reject(new Error('dialIn(): the caller hung up before connecting'));
        }
        emitter.emit('dialin-connected', dialInDetails(leg));
        resolve(leg.sessionId);
      });
    });
  }

  hangUp(sessionId: string): void {
    const { meeting } = this.ctx;
    const leg = typeof sessionId === 'string' ? meeting.legs.get(sessionId) : undefined;
    if (!leg) throw new Error(`hangUp(): no SIP/PSTN leg with sessionId ${String(sessionId)}`);
    meeting.endLegLater(leg, 0);
  }

  addParticipants(count: number): Promise<void> {
    const { meeting, requests, timers, settings, emitter } = this.ctx;
    if (!Number.isInteger(count) || count < 0) {
      return Promise.reject(
        new RangeError(`addParticipants(): count must be a non-negative integer, got ${count}`),
      );
    }
    const legs = Array.from({ length: count }, () => this.nextCallerLeg());
    for (const leg of legs) meeting.addLeg(leg);
    if (!meeting.joined) {
      meeting.admit(legs);
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const settled = requests.track('addParticipants', reject);
      timers.after(settings.latencyMs, () => meeting.admit(legs));
      timers.after(settings.latencyMs, () => {
        settled();
        for (const leg of legs) {
          if (meeting.liveLeg(leg.sessionId) === leg) {
            emitter.emit('dialin-connected', dialInDetails(leg));
          }
        }
        resolve();
      });
    });
  }

  /** "Caller 0001" (PSTN +14155550001), "Caller 0002" (sip:caller0002@sip.example.com), … */
  private nextCallerLeg(): PhoneLeg {
    const n = this.nextCaller++;
    const id = String(n).padStart(4, '0');
    const pstn = n % 2 === 1;
    return createDialInLeg({
      kind: pstn ? 'pstn' : 'sip',
      from: pstn
        ? `+1415555${String(n % 10000).padStart(4, '0')}`
        : `sip:caller${id}@sip.example.com`,
      name: `Caller ${id}`,
    });
  }

  addAgent(name: string): Promise<string> {
    const { meeting, requests, timers, settings } = this.ctx;
    if (typeof name !== 'string' || !name.trim()) {
      return Promise.reject(new TypeError('addAgent(): name must be a non-empty string'));
    }
    const agent = createParticipant({
      sessionId: randomId(),
      userName: name,
      joinedAt: new Date(),
    });
    if (!meeting.joined) {
      meeting.admit([agent]);
      return Promise.resolve(agent.session_id);
    }
    return new Promise((resolve, reject) => {
      const settled = requests.track('addAgent', reject);
      timers.after(settings.latencyMs, () => {
        settled();
        meeting.admit([agent]);
        resolve(agent.session_id);
      });
    });
  }
}

import type { RoomControl } from './cloud-protocol';
import { ROOM_CONTROLS } from './cloud-protocol';
import type { CloudTransport } from './cloud-transport';
import type { SandboxControl } from './sandbox-control';
import { SandboxFacade } from './sandbox-facade';

/**
 * Room controls a console of the shared cloud answers in part itself: `failNext('join')` (the
 * console makes the join) and `setBehaviour()` before joining (kept, applied on joining). Their
 * methods are written out in `CloudSandboxCall`.
 */
const OWN_CONTROLS = ['failNext', 'setBehaviour'] as const;
type OwnControl = (typeof OWN_CONTROLS)[number];

/** The other room controls, forwarded to the room as they are. */
type ForwardedControls = {
  [K in Exclude<RoomControl, OwnControl>]: (
    ...args: Parameters<SandboxControl[K]>
  ) => Promise<Awaited<ReturnType<SandboxControl[K]>>>;
};

/**
 * The daily-js façade plus, for every `room` control of the table (`SANDBOX_CONTROLS`), a
 * method that forwards it by name to the console's room: a new control needs no edit here.
 */
abstract class CloudFacade extends SandboxFacade {
  protected abstract readonly transport: CloudTransport;

  static {
    const own: readonly string[] = OWN_CONTROLS;
    for (const name of ROOM_CONTROLS) {
      if (own.includes(name)) continue;
      Object.defineProperty(CloudFacade.prototype, name, {
        value(this: CloudFacade, ...args: unknown[]) {
          return this.transport.rpc(name, args);
        },
        writable: true,
        configurable: true,
      });
    }
  }
}

/** `CloudFacade` with its forwarding methods typed (they are made from the table above). */
export const ForwardingFacade = CloudFacade as unknown as abstract new () => CloudFacade &
  ForwardedControls;

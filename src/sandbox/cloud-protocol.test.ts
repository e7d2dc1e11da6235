import { describe, expect, it } from 'vitest';
import { CloudSandboxCall } from './cloud-call';
import { CLOUD_METHODS, ROOM_CONTROLS, SANDBOX_CONTROL_NAMES } from './cloud-protocol';
import { SandboxCall } from './sandbox-call';

type Method = (...args: unknown[]) => Promise<unknown>;

describe('the method table', () => {
  it('names only methods the engine has: the cloud dispatches each by name', () => {
    const engine = SandboxCall.prototype as unknown as Record<string, unknown>;
    const missing = CLOUD_METHODS.filter((name) => typeof engine[name] !== 'function');
    expect(missing).toEqual([]);
  });

  it('every control has a method on both sandboxes (window.sandbox binds them)', () => {
    for (const Call of [SandboxCall, CloudSandboxCall]) {
      const proto = Call.prototype as unknown as Record<string, unknown>;
      expect(SANDBOX_CONTROL_NAMES.filter((name) => typeof proto[name] !== 'function')).toEqual([]);
    }
  });

  it('a console of the cloud forwards each room control under its own name', async () => {
    const call = new CloudSandboxCall() as unknown as Record<string, Method>;
    for (const name of ROOM_CONTROLS) {
      if (name === 'failNext' || name === 'setBehaviour') continue; // answered in part locally
      await expect(call[name]!()).rejects.toThrow(
        `${name}() needs a joined sandbox room: call join() first (meeting state: new)`,
      );
    }
  });
});

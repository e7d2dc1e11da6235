import { useCallback, useEffect, useRef, useState } from 'react';
import type { DailyCall } from '@daily-co/daily-js';
import type { CallMode, SandboxDriver } from '../../daily';
import { describeJoinError, type JoinProblem } from '../../domain/join-error';
import { parseRoomUrl } from '../../domain/room-url';
import { sandboxRoomName } from '../../domain/telephony';
import { webhookRoomName, worldFromSearch } from '../../domain/sandbox-world';
import { announce } from '../../ui/live-region';
import { whenIdle } from '../../ui/when-idle';

/**
 * The room's name as Daily's webhooks carry it (`payload.room`). On the server's shared
 * simulated cloud a world other than the default names its rooms `<room>.<world>`.
 */
function roomNameOf(settings: ConnectSettings, sharedSandbox: boolean): string {
  if (settings.mode === 'sandbox') {
    const search = window.location.search;
    const room = settings.roomName ?? sandboxRoomName(search);
    return sharedSandbox ? webhookRoomName(room, worldFromSearch(search)) : room;
  }
  if (settings.roomName) return settings.roomName;
  const parsed = parseRoomUrl(settings.roomUrl);
  return parsed.ok ? parsed.value.room : '';
}

export interface ConnectSettings {
  mode: CallMode;
  roomUrl: string;
  /** Held in memory only; never written to the URL, storage or logs. */
  token: string;
  userName: string;
  /** The room's name when the server gave the room (its list), not parsed from a URL. */
  roomName?: string;
  /** With the console's server: mints a new meeting token (a retry must not reuse an old one). */
  freshToken?: () => Promise<string>;
}

export type ConnectionPhase = 'idle' | 'joining' | 'joined' | 'failed';

export interface Connection {
  mode: CallMode;
  phase: ConnectionPhase;
  problem?: JoinProblem;
  call: DailyCall | null;
  sandbox: SandboxDriver | null;
  roomLabel: string;
  /** The room's name as Daily's webhooks report it ('' before connecting). */
  roomName: string;
  connect(settings: ConnectSettings): void;
  retry(): void;
  leave(): void;
  setMode(mode: CallMode): void;
  /** The meeting ended under us (ejected, room closed, fatal error). */
  ended(problem?: JoinProblem): void;
}

export const JOIN_TIMEOUT_MS = 30_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`Joining took longer than ${ms / 1000} s`)),
      ms,
    );
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error || typeof e === 'string' ? e : new Error(JSON.stringify(e)));
      },
    );
  });
}

// daily-js (and the sandbox) load after the first screen: the connect form does not need them.
const loadDaily = () => import('../../daily');

async function freshRealCall({
  getRealCall,
}: Awaited<ReturnType<typeof loadDaily>>): Promise<DailyCall> {
  const existing = getRealCall();
  const state = existing.meetingState();
  if (state === 'error' || state === 'left-meeting') {
    await existing.destroy();
    return getRealCall();
  }
  return existing;
}

/** Owns the call object and the join/leave lifecycle for both modes. */
export function useConnection(
  initialMode: CallMode,
  beforeJoin: () => Promise<void> = () => Promise.resolve(),
  /**
   * Which sandbox: the server's shared simulated cloud (true), a room simulated in this tab
   * (false: no server), or not known yet (undefined: the sandbox waits for the answer).
   */
  sharedSandbox: boolean | undefined = false,
): Connection {
  const [mode, setModeState] = useState<CallMode>(initialMode);
  const [phase, setPhase] = useState<ConnectionPhase>('idle');
  const [problem, setProblem] = useState<JoinProblem>();
  const [call, setCall] = useState<DailyCall | null>(null);
  const [sandbox, setSandbox] = useState<SandboxDriver | null>(null);
  const [roomLabel, setRoomLabel] = useState('');
  const [roomName, setRoomName] = useState('');
  const settingsRef = useRef<ConnectSettings | null>(null);
  const attempt = useRef(0);

  // The sandbox exists from page load (so tests can seed it before joining), loaded once the
  // first screen is painted and the browser is idle; Join waits for it if clicked sooner.
  useEffect(() => {
    if (mode !== 'sandbox' || sharedSandbox === undefined) return;
    let live = true;
    whenIdle(() => {
      // Not for an answer that is already out of date (a "no server" before the real answer).
      if (!live) return;
      void loadDaily()
        .then((daily) => daily.getSandboxSession(window.location.search, sharedSandbox))
        .then((s) => {
          if (!live) return;
          setCall(s.call);
          setSandbox(s.sandbox);
        });
    }, 50);
    return () => {
      live = false;
    };
  }, [mode, sharedSandbox]);

  const connect = useCallback(
    (settings: ConnectSettings) => {
      settingsRef.current = settings;
      const mine = ++attempt.current;
      setPhase('joining');
      announce(
        settings.mode === 'sandbox' ? 'Joining the sandbox room…' : 'Joining the Daily room…',
      );
      setProblem(undefined);
      setRoomLabel(
        settings.mode === 'sandbox'
          ? settings.roomName
            ? `Sandbox room ${settings.roomName}`
            : 'Sandbox room'
          : settings.roomUrl,
      );
      setRoomName(roomNameOf(settings, sharedSandbox === true));
      void (async () => {
        try {
          const daily = await loadDaily();
          const session =
            settings.mode === 'sandbox'
              ? await daily.getSandboxSession(window.location.search, sharedSandbox === true)
              : undefined;
          const target = session ? session.call : await freshRealCall(daily);
          if (mine !== attempt.current) return;
          // The shared sandbox reconnects by itself after losing its server, with a new token.
          session?.sandbox.setTokenSource?.(settings.freshToken);
          setCall(target);
          await beforeJoin();
          // A retry with the console's server asks it for a new token (see `retry`).
          const token = settings.token || ((await settings.freshToken?.()) ?? '');
          if (mine !== attempt.current) return;
          const options =
            settings.mode === 'sandbox'
              ? {
                  userName: settings.userName,
                  // From the server: the picked room and the token its REST double minted.
                  ...(token ? { url: settings.roomUrl, token } : {}),
                }
              : {
                  url: settings.roomUrl,
                  userName: settings.userName,
                  ...(token ? { token } : {}),
                };
          const logged = {
            url: settings.mode === 'sandbox' ? 'sandbox' : settings.roomUrl,
            userName: settings.userName,
          };
          await withTimeout(daily.callSdk(target, 'join', options, logged), JOIN_TIMEOUT_MS);
          if (mine !== attempt.current) return;
          setPhase('joined');
          announce('Joined. Calls appear as they connect.');
        } catch (error) {
          if (mine !== attempt.current) return;
          const problem = describeJoinError(error);
          setProblem(problem);
          setPhase('failed');
          announce(`Could not join: ${problem.title}`);
        }
      })();
    },
    [beforeJoin, sharedSandbox],
  );

  const retry = useCallback(() => {
    const settings = settingsRef.current;
    if (!settings) return;
    // With the server, the old token may be spent (or from a server that restarted): the
    // join mints a new one; a refusal is then a join problem like any other.
    connect(settings.freshToken ? { ...settings, token: '' } : settings);
  }, [connect]);

  const leave = useCallback(() => {
    attempt.current++;
    settingsRef.current = null;
    setPhase('idle');
    if (call)
      void loadDaily().then((daily) =>
        daily.callSdk(call, 'leave', undefined).catch(() => undefined),
      );
  }, [call]);

  // daily-js sends `left-meeting` right after a fatal `error` (Daily's docs: "A left-meeting
  // event fires immediately after"): that leave must not wipe the failure and its Retry.
  const failedAttempt = useRef(-1);
  const ended = useCallback((why?: JoinProblem) => {
    if (!why && failedAttempt.current === attempt.current) return;
    attempt.current++;
    if (why) failedAttempt.current = attempt.current;
    setPhase(why ? 'failed' : 'idle');
    setProblem(why);
  }, []);

  const setMode = useCallback((next: CallMode) => {
    attempt.current++;
    setModeState(next);
    if (next === 'real') {
      setCall(null);
      setSandbox(null);
    }
    setProblem(undefined);
    setPhase('idle');
  }, []);

  return {
    mode,
    phase,
    problem,
    call,
    sandbox,
    roomLabel,
    roomName,
    connect,
    retry,
    leave,
    setMode,
    ended,
  };
}

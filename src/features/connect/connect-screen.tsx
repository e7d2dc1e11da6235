import { useState, type FormEvent, type ReactNode } from 'react';
import { parseRoomUrl } from '../../domain/room-url';
import type { User } from '../../shared/account-data';
import { Button } from '../../ui/button';
import { Field } from '../../ui/field';
import type { Connection } from './use-connection';
import { JoinProblemNotice } from './join-problem-notice';
import { ServerConnectForm } from './server-connect-form';

export interface ConnectScreenProps {
  connection: Connection;
  initialRoom: string;
  /** Signed in to the console's server: rooms to pick, tokens from the server. */
  server?: { user: User; mode: 'sandbox' | 'real'; preferredRoom?: string | undefined } | undefined;
  /**
   * Frames the signed-in form with who is signed in (the app passes the account feature's
   * area, so this feature needs nothing of it).
   */
  accountArea?: ((form: ReactNode) => ReactNode) | undefined;
}

/** Sandbox (default) or a real Daily room; join progress and failures in plain words. */
export function ConnectScreen(props: ConnectScreenProps) {
  const { connection, initialRoom, server, accountArea = (form) => form } = props;
  const { mode, phase, problem } = connection;
  const failure =
    phase === 'failed' && problem ? (
      <JoinProblemNotice
        problem={problem}
        onRetry={connection.retry}
        onUseSandbox={mode === 'real' && !server ? () => connection.setMode('sandbox') : undefined}
      />
    ) : null;
  if (!server) {
    return (
      <main className="mx-auto flex max-w-xl flex-col gap-4 p-6">
        <h1 className="text-2xl font-semibold">Daily agent console</h1>
        <p className="text-slate-700">
          Join a Daily room to see every phone and SIP call in it live, and transfer, refer or dial
          out.
        </p>
        <ManualConnectForm connection={connection} initialRoom={initialRoom} />
        {failure}
      </main>
    );
  }
  return (
    <main className="mx-auto flex max-w-xl flex-col gap-4 p-6">
      <h1 className="text-2xl font-semibold">Daily agent console</h1>
      {accountArea(
        <>
          <ServerConnectForm
            connection={connection}
            user={server.user}
            mode={server.mode}
            preferredRoom={server.preferredRoom}
          />
          {failure}
          <details className="rounded-lg bg-white p-4 shadow">
            <summary className="cursor-pointer font-medium">
              Advanced: join with a room URL and a pasted token
            </summary>
            <div className="mt-3">
              <ManualConnectForm connection={connection} initialRoom={initialRoom} />
            </div>
          </details>
        </>,
      )}
    </main>
  );
}

/** The console on its own: sandbox or a real room's URL and a pasted meeting token. */
function ManualConnectForm({
  connection,
  initialRoom,
}: Pick<ConnectScreenProps, 'connection' | 'initialRoom'>) {
  const { mode, phase } = connection;
  const [roomUrl, setRoomUrl] = useState(initialRoom);
  const [token, setToken] = useState('');
  const [userName, setUserName] = useState('Agent');
  const [roomError, setRoomError] = useState<string>();
  const [nameError, setNameError] = useState<string>();
  const joining = phase === 'joining';

  function submit(e: FormEvent) {
    e.preventDefault();
    const name = userName.trim();
    setNameError(name ? undefined : 'Enter the name callers and colleagues will see');
    let url = '';
    if (mode === 'real') {
      const parsed = parseRoomUrl(roomUrl);
      setRoomError(parsed.ok ? undefined : parsed.error);
      if (!parsed.ok) return;
      url = parsed.value.url;
    }
    if (!name) return;
    connection.connect({ mode, roomUrl: url, token: token.trim(), userName: name });
  }

  return (
    <form
      onSubmit={submit}
      noValidate
      className="flex flex-col gap-4 rounded-lg bg-white p-5 shadow"
    >
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 font-medium">Connect to</legend>
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name="mode"
            checked={mode === 'sandbox'}
            onChange={() => connection.setMode('sandbox')}
            disabled={joining}
          />
          Sandbox room (simulated, no Daily account needed)
        </label>
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name="mode"
            checked={mode === 'real'}
            onChange={() => connection.setMode('real')}
            disabled={joining}
          />
          A real Daily room
        </label>
      </fieldset>
      {mode === 'real' ? (
        <>
          <Field
            label="Room URL"
            name="room"
            type="url"
            inputMode="url"
            autoComplete="off"
            placeholder="https://your-domain.daily.co/room-name"
            value={roomUrl}
            onChange={(e) => setRoomUrl(e.target.value)}
            error={roomError}
            disabled={joining}
          />
          <Field
            label="Meeting token"
            name="token"
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={token}
            onChange={(e) => setToken(e.target.value)}
            disabled={joining}
            hint="Transfers, refers and dial-outs need an owner or admin token. The token stays in this tab's memory: never in the URL, storage or logs."
          />
        </>
      ) : null}
      <Field
        label="Your name"
        name="userName"
        autoComplete="name"
        maxLength={100}
        value={userName}
        onChange={(e) => setUserName(e.target.value)}
        error={nameError}
        disabled={joining}
      />
      <div className="flex items-center gap-3">
        <Button type="submit" variant="primary" disabled={joining}>
          {joining ? 'Joining…' : 'Join'}
        </Button>
        {joining ? (
          <span className="text-sm text-slate-700" aria-hidden="true">
            Connecting to {mode === 'sandbox' ? 'the sandbox' : 'Daily'}…
          </span>
        ) : null}
      </div>
    </form>
  );
}

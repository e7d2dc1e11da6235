import { useRef, useState, type FormEvent } from 'react';
import { Button } from '../../ui/button';
import { Field } from '../../ui/field';
import { ApiError, useSignIn, useSignInOptions } from '../../shared/account-data';

const SSO_WORDS: Record<string, string> = {
  failed: 'Single sign-on did not complete. Try again, or sign in with your password.',
  unavailable:
    "The single sign-on provider can't be reached right now. Sign in with your password, or try again later.",
  disabled: 'This account is disabled. Ask an admin.',
};

/** What the server's single-sign-on callback reported (`?sso=` after its redirect). */
function ssoProblem(): string | undefined {
  const code = new URLSearchParams(window.location.search).get('sso');
  return code ? (SSO_WORDS[code] ?? SSO_WORDS.failed) : undefined;
}

/**
 * Username and password; single sign-on when the server has a provider; and (sandbox mode)
 * one click as a demo account.
 */
export function SignInScreen({ reason }: { reason?: string | undefined }) {
  const options = useSignInOptions();
  const signIn = useSignIn();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ username?: string; password?: string }>({});
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const failure = signIn.error instanceof ApiError ? signIn.error : undefined;

  function submit(e: FormEvent) {
    e.preventDefault();
    const next: typeof errors = {};
    if (!username.trim()) next.username = 'Enter your username';
    if (!password) next.password = 'Enter your password';
    setErrors(next);
    if (next.username) return usernameRef.current?.focus();
    if (next.password) return passwordRef.current?.focus();
    signIn.mutate(
      { username: username.trim(), password },
      {
        onError: (error) => {
          setPassword('');
          setErrors({
            password: error instanceof ApiError ? error.message : 'Sign-in failed; try again',
          });
          passwordRef.current?.focus();
        },
      },
    );
  }

  const demo = options.data?.demo ?? [];
  const sso = options.data?.singleSignOn;
  const problem = ssoProblem();
  return (
    <main className="mx-auto flex max-w-xl flex-col gap-4 p-6">
      <h1 className="text-2xl font-semibold">Daily agent console</h1>
      {problem ? (
        <p
          role="alert"
          className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900"
        >
          {problem}
        </p>
      ) : null}
      {reason ? (
        <p role="status" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm">
          {reason}
        </p>
      ) : null}
      <form
        onSubmit={submit}
        noValidate
        aria-labelledby="sign-in-heading"
        className="flex flex-col gap-4 rounded-lg bg-white p-5 shadow"
      >
        <h2 id="sign-in-heading" className="text-lg font-medium">
          Sign in
        </h2>
        <Field
          ref={usernameRef}
          label="Username"
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          error={errors.username}
        />
        <Field
          ref={passwordRef}
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={errors.password}
        />
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" variant="primary" disabled={signIn.isPending}>
            {signIn.isPending ? 'Signing in…' : 'Sign in'}
          </Button>
          {sso ? (
            // A link, not a fetch: the browser goes to the provider and comes back signed in.
            <a
              href={sso.start}
              className="inline-flex items-center rounded border border-slate-400 bg-white px-3 py-2 font-medium text-slate-900 hover:bg-slate-100"
            >
              Sign in with {sso.label}
            </a>
          ) : null}
        </div>
      </form>
      {demo.length ? (
        <section
          aria-labelledby="demo-heading"
          className="flex flex-col gap-2 rounded-lg bg-white p-5 shadow"
        >
          <h2 id="demo-heading" className="text-lg font-medium">
            Try the sandbox
          </h2>
          <p className="text-sm text-slate-700">
            This server runs the simulated Daily: sign in as a demo account, no password needed.
          </p>
          <div className="flex flex-wrap gap-2">
            {demo.map((d) => (
              <Button
                key={d.role}
                disabled={signIn.isPending}
                onClick={() => signIn.mutate({ demo: d.role })}
              >
                Sign in as demo {d.role}
              </Button>
            ))}
          </div>
          {failure && !errors.password ? (
            <p role="alert" className="text-sm text-red-800">
              {failure.message}
            </p>
          ) : null}
        </section>
      ) : null}
    </main>
  );
}

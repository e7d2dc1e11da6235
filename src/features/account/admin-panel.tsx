import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { announce } from '../../ui/live-region';
import { Button } from '../../ui/button';
import { Field } from '../../ui/field';
import { api, ApiError, type User } from '../../shared/account-data';

const ROLES: User['role'][] = ['agent', 'supervisor', 'admin'];
const KEY = ['admin', 'accounts'] as const;

/** Which form field a server message is about ("Password: at least 12…" → password). */
function fieldOf(message: string): 'username' | 'password' | 'displayName' | 'form' {
  if (/^Username/.test(message)) return 'username';
  if (/^Password/.test(message)) return 'password';
  if (/^Display name/.test(message)) return 'displayName';
  return 'form';
}

function AddAccount() {
  const client = useQueryClient();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<User['role']>('agent');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Partial<Record<ReturnType<typeof fieldOf>, string>>>({});
  const add = useMutation({
    mutationFn: () =>
      api<{ account: User }>('/api/admin/accounts', {
        method: 'POST',
        body: {
          username: username.trim(),
          role,
          password,
          ...(displayName.trim() ? { displayName: displayName.trim() } : {}),
        },
      }),
    onSuccess: ({ account }) => {
      void client.invalidateQueries({ queryKey: KEY });
      announce(`Account ${account.username} created (${account.role}).`);
      setUsername('');
      setDisplayName('');
      setPassword('');
      setErrors({});
    },
    onError: (e) => {
      const message = e instanceof ApiError ? e.message : 'Could not create the account';
      setErrors({ [fieldOf(message)]: message });
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!username.trim()) return setErrors({ username: 'Enter a username' });
    if (password.length < 12) return setErrors({ password: 'Password: at least 12 characters' });
    add.mutate();
  }
  return (
    <form
      onSubmit={submit}
      noValidate
      aria-labelledby="add-account"
      className="flex flex-col gap-3"
    >
      <h3 id="add-account" className="font-medium">
        Add an account
      </h3>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field
          label="New username"
          name="new-username"
          autoComplete="off"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          error={errors.username}
        />
        <Field
          label="Display name"
          name="display-name"
          autoComplete="off"
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
          error={errors.displayName}
        />
        <label className="flex flex-col gap-1 text-sm font-medium">
          New account's role
          <select
            className="rounded border border-slate-400 px-1 py-1.5 font-normal"
            value={role}
            onChange={(e) => setRole(e.target.value as User['role'])}
          >
            {ROLES.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>
        <Field
          label="Initial password"
          name="new-password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={errors.password}
          hint="At least 12 characters."
        />
      </div>
      {errors.form ? (
        <p role="alert" className="text-sm text-red-800">
          {errors.form}
        </p>
      ) : null}
      <div>
        <Button type="submit" variant="primary" disabled={add.isPending}>
          Add account
        </Button>
      </div>
    </form>
  );
}

function AccountRow({ account, me }: { account: User; me: string }) {
  const client = useQueryClient();
  const [error, setError] = useState<string>();
  const act = useMutation({
    mutationFn: (change: { path: string; method: string; body: unknown; done: string }) =>
      api(change.path, { method: change.method, body: change.body }).then(() => change.done),
    onSuccess: (done) => {
      setError(undefined);
      void client.invalidateQueries({ queryKey: KEY });
      announce(done);
    },
    onError: (e) => setError(e instanceof ApiError ? e.message : 'That did not work'),
  });
  const base = `/api/admin/accounts/${encodeURIComponent(account.username)}`;
  const self = account.username === me;
  return (
    <li className="flex flex-wrap items-center gap-3 border-b border-slate-200 py-2">
      <span className="min-w-40">
        <strong>{account.username}</strong> — {account.displayName}
        {account.demo ? ' (demo)' : ''}
        {account.disabled ? ' (disabled)' : ''}
      </span>
      <label className="flex items-center gap-1 text-sm">
        Role of {account.username}
        <select
          className="rounded border border-slate-400 px-1 py-1"
          value={account.role}
          disabled={self || act.isPending}
          onChange={(e) =>
            act.mutate({
              path: base,
              method: 'PATCH',
              body: { role: e.target.value },
              done: `${account.username} is now ${e.target.value}; their sessions ended.`,
            })
          }
        >
          {ROLES.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </label>
      <Button
        size="sm"
        disabled={self || act.isPending}
        onClick={() =>
          act.mutate({
            path: base,
            method: 'PATCH',
            body: { disabled: !account.disabled },
            done: `${account.username} ${account.disabled ? 'enabled' : 'disabled'}.`,
          })
        }
      >
        {account.disabled ? 'Enable' : 'Disable'} {account.username}
      </Button>
      <Button
        size="sm"
        disabled={act.isPending}
        onClick={() =>
          act.mutate({
            path: `${base}/signout`,
            method: 'POST',
            body: {},
            done: `${account.username} signed out everywhere.`,
          })
        }
      >
        Sign {account.username} out everywhere
      </Button>
      {error ? (
        <p role="alert" className="w-full text-sm text-red-800">
          {error}
        </p>
      ) : null}
    </li>
  );
}

/** Admins: every account, its role, disable, sign out everywhere, and new accounts. */
export default function AdminPanel({ me, onClose }: { me: string; onClose: () => void }) {
  const accounts = useQuery({
    queryKey: KEY,
    queryFn: async () => (await api<{ accounts: User[] }>('/api/admin/accounts')).accounts,
  });
  return (
    <section
      aria-labelledby="accounts-heading"
      className="flex flex-col gap-4 rounded-lg bg-white p-5 shadow"
    >
      <div className="flex items-center justify-between">
        <h2 id="accounts-heading" className="text-lg font-medium">
          Accounts
        </h2>
        <Button size="sm" onClick={onClose}>
          Back to rooms
        </Button>
      </div>
      {accounts.isPending ? <p>Loading accounts…</p> : null}
      {accounts.isError ? (
        <p role="alert" className="text-sm text-red-800">
          Couldn't load the accounts: {accounts.error.message}
        </p>
      ) : null}
      {accounts.data ? (
        <ul aria-label="Accounts" className="flex flex-col">
          {accounts.data.map((a) => (
            <AccountRow key={a.username} account={a} me={me} />
          ))}
        </ul>
      ) : null}
      <AddAccount />
    </section>
  );
}

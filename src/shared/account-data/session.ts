import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { announce } from '../../ui/live-region';
import { api, ApiError, NO_SERVER, type User } from './api';

export type SessionState =
  | { status: 'checking' }
  /** No server beside this console: it runs on its own, as before (paste a token). */
  | { status: 'no-server' }
  | { status: 'signed-out'; reason?: string }
  | { status: 'signed-in'; user: User; mode: 'sandbox' | 'real' };

export const SESSION_KEY = ['session'];

type WhoAmI =
  { signedIn: true; user: User; mode: 'sandbox' | 'real' } | { signedIn: false; reason?: string };

async function loadSession(): Promise<SessionState> {
  try {
    // Answers 200 signed in or not: nobody signed in is not a failed request.
    const s = await api<WhoAmI>('/api/auth/whoami');
    if (s.signedIn) return { status: 'signed-in', user: s.user, mode: s.mode };
    return {
      status: 'signed-out',
      ...(s.reason && s.reason !== 'Sign in first' ? { reason: s.reason } : {}),
    };
  } catch (error) {
    if (error instanceof ApiError && error.status === NO_SERVER) return { status: 'no-server' };
    if (error instanceof ApiError && error.status === 404) return { status: 'no-server' };
    throw error;
  }
}

/** Who is signed in, from the server; "no-server" when the console runs without one. */
export function useSession(): SessionState {
  const q = useQuery({
    queryKey: SESSION_KEY,
    queryFn: loadSession,
    staleTime: Infinity,
    retry: 1,
  });
  if (q.data) return q.data;
  if (q.isError) return { status: 'no-server' };
  return { status: 'checking' };
}

export interface SignInOptions {
  mode: 'sandbox' | 'real';
  singleSignOn: false | { label: string; start: string };
  demo: { username: string; displayName: string; role: User['role'] }[];
}

export function useSignInOptions() {
  return useQuery({
    queryKey: ['auth-options'],
    queryFn: () => api<SignInOptions>('/api/auth/options'),
    staleTime: Infinity,
  });
}

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { username: string; password: string } | { demo: User['role'] }) =>
      'demo' in input
        ? api<{ user: User; mode: 'sandbox' | 'real' }>('/api/auth/demo', {
            method: 'POST',
            body: { role: input.demo },
          })
        : api<{ user: User; mode: 'sandbox' | 'real' }>('/api/auth/signin', {
            method: 'POST',
            body: input,
          }),
    onSuccess: (s) => {
      client.setQueryData(SESSION_KEY, {
        status: 'signed-in',
        user: s.user,
        mode: s.mode,
      } satisfies SessionState);
      announce(`Signed in as ${s.user.displayName} (${s.user.role}).`);
    },
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api('/api/auth/signout', { method: 'POST', body: {} }),
    onSettled: () => {
      client.setQueryData(SESSION_KEY, { status: 'signed-out' } satisfies SessionState);
      // What the last user loaded (rooms, numbers, accounts) goes with them.
      client.removeQueries({
        predicate: (q) => q.queryKey[0] !== 'session' && q.queryKey[0] !== 'auth-options',
      });
      announce('Signed out.');
    },
  });
}

/** The signed-in user, or undefined (no server, or not signed in). */
export function useSignedInUser(): User | undefined {
  const s = useSession();
  return s.status === 'signed-in' ? s.user : undefined;
}

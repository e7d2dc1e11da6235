/**
 * The console's calls to its own server (same origin; the session is an httpOnly cookie the
 * browser sends by itself, so no token is ever handled here). An error carries the server's
 * message, which is written for the agent.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The server is not there (vite preview, a console run on its own): status 0. */
export const NO_SERVER = 0;

let onUnauthorized: () => void = () => undefined;
/** Called when the server says the session is gone (so the console shows sign-in again). */
export function whenUnauthorized(handler: () => void): void {
  onUnauthorized = handler;
}

export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? 'GET',
      headers: {
        accept: 'application/json',
        ...init.headers,
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
  } catch {
    throw new ApiError(NO_SERVER, "Can't reach the console's server");
  }
  const type = res.headers.get('content-type') ?? '';
  if (!type.includes('application/json')) {
    // Not our server answering (a static host serves its index page or a 404 for /api/…).
    throw new ApiError(NO_SERVER, "The console's server is not running here");
  }
  const json = (await res.json()) as { error?: string; field?: string };
  if (!res.ok) {
    if (res.status === 401 && path !== '/api/session' && !path.startsWith('/api/auth/')) {
      onUnauthorized();
    }
    throw new ApiError(res.status, json.error ?? `Request failed (${res.status})`, json.field);
  }
  return json as T;
}

export interface User {
  username: string;
  displayName: string;
  role: 'agent' | 'supervisor' | 'admin';
  demo: boolean;
  disabled: boolean;
}

export interface RoomSummary {
  name: string;
  url: string;
  sipUri?: string;
  dialIn: boolean;
  dialOut: boolean;
}

export interface PhoneNumber {
  id: string;
  number: string;
  name: string;
}

/**
 * The server's configuration, from the environment only, validated at start: every bad or
 * missing value gets its own message, and the server does not start until all are fixed.
 * Secrets are kept as values here and never logged (see `describeConfig`).
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { parseRoomAccess, type RoomAccess } from './auth/room-access';
import { queueConfig, type QueueConfig } from './queue/queue-config';

export type Mode = 'sandbox' | 'real';

export interface Config extends QueueConfig {
  mode: Mode;
  host: string;
  port: number;
  /** PGlite's directory (embedded store), used when `databaseUrl` is not set. */
  dataDir: string;
  /** A Postgres server instead of the embedded store. */
  databaseUrl?: string;
  /** The Daily REST API key; never leaves the server. Sandbox mode generates one for its REST double. */
  dailyApiKey?: string;
  dailyApiKeySource: 'environment' | 'generated' | 'none';
  /** Daily's REST base URL; unset in sandbox mode: the server's own REST double. */
  dailyApiUrl?: string;
  /** The origin browsers load the console from (behind a proxy); unset: the request's Host. */
  publicOrigin?: string;
  /** Take the client address and protocol from X-Forwarded-For / -Proto (behind a proxy). */
  trustProxy: boolean;
  /** How many trusted proxies append to X-Forwarded-For (the client address is that far from the right). */
  trustProxyHops: number;
  sessionIdleMs: number;
  sessionMaxMs: number;
  /** Single sign-on with any OpenID Connect provider; unset: username and password only. */
  oidc?: OidcConfig;
  /** The webhook HMAC key (base64-decoded `DAILY_WEBHOOK_SECRET`); none: webhooks are refused. */
  webhookSecret?: Buffer;
  webhookSecretSource: 'environment' | 'generated' | 'none';
  retentionDays: number;
  /** How long conversations stay in the history (apart from the raw events' retention). */
  historyRetentionDays: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** The built console (`vite build` output). */
  distDir: string;
  /** Bytes a slow SSE subscriber may have unsent before it is disconnected. */
  sseMaxBufferedBytes: number;
  sseHeartbeatMs: number;
  /** On SIGTERM/SIGINT: how long in-flight requests and open streams get before the exit. */
  shutdownTimeoutMs: number;
  /** Which rooms each role may join, and what its meeting tokens carry (auth/room-access.ts). */
  roomAccess: RoomAccess;
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The button's words: "Sign in with <label>". */
  label: string;
  /** The ID-token claim whose value (agent, supervisor, admin) sets the role at each sign-in. */
  roleClaim?: string;
  /** The role when the claim is absent or not a role. */
  defaultRole: 'agent' | 'supervisor' | 'admin';
}

type Env = Record<string, string | undefined>;
export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: string[] };

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export function integer(
  env: Env,
  name: string,
  fallback: number,
  min: number,
  max: number,
  errors: string[],
): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    errors.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
    return fallback;
  }
  return n;
}

/** OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together, or none of them. */
function oidcConfig(env: Env, errors: string[]): OidcConfig | undefined {
  const issuer = httpUrl(env, 'OIDC_ISSUER', errors);
  const clientId = env.OIDC_CLIENT_ID?.trim();
  const clientSecret = env.OIDC_CLIENT_SECRET?.trim();
  const given = [env.OIDC_ISSUER?.trim(), clientId, clientSecret].filter(Boolean).length;
  if (given === 0) return undefined;
  if (!issuer || !clientId || !clientSecret) {
    if (given < 3) {
      errors.push(
        'OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET go together: set all three or none',
      );
    }
    return undefined;
  }
  const roles = ['agent', 'supervisor', 'admin'] as const;
  const defaultRaw = env.OIDC_DEFAULT_ROLE?.trim() || 'agent';
  const defaultRole = roles.find((r) => r === defaultRaw);
  if (!defaultRole)
    errors.push(`OIDC_DEFAULT_ROLE must be agent, supervisor or admin (got "${defaultRaw}")`);
  const roleClaim = env.OIDC_ROLE_CLAIM?.trim() || undefined;
  return {
    issuer,
    clientId,
    clientSecret,
    label: env.OIDC_LABEL?.trim() || 'single sign-on',
    ...(roleClaim ? { roleClaim } : {}),
    defaultRole: defaultRole ?? 'agent',
  };
}

/** An optional http(s) URL setting; pushes one message when it is not one. */
function httpUrl(env: Env, name: string, errors: string[]): string | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  try {
    const u = new URL(raw);
    if (u.protocol === 'https:' || u.protocol === 'http:') return raw;
  } catch {
    // fall through
  }
  errors.push(`${name} must be an http:// or https:// URL (got "${raw}")`);
  return undefined;
}

/** A base64 secret → its bytes; undefined when it is not base64 or decodes to fewer than 16. */
export function decodeSecret(raw: string): Buffer | undefined {
  const trimmed = raw.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) return undefined;
  const bytes = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return bytes.length >= 16 ? bytes : undefined;
}

export function loadConfig(env: Env, cwd = process.cwd()): ConfigResult {
  const errors: string[] = [];
  const modeRaw = (env.CONSOLE_MODE ?? 'sandbox').trim();
  if (modeRaw !== 'sandbox' && modeRaw !== 'real') {
    errors.push(`CONSOLE_MODE must be "sandbox" or "real" (got "${modeRaw}")`);
  }
  const mode: Mode = modeRaw === 'real' ? 'real' : 'sandbox';
  const port = integer(env, 'PORT', 8787, 0, 65535, errors);
  const retentionDays = integer(env, 'RETENTION_DAYS', 30, 1, 3650, errors);
  const historyRetentionDays = integer(env, 'HISTORY_RETENTION_DAYS', 90, 1, 3650, errors);
  const sseMaxBufferedBytes = integer(
    env,
    'SSE_MAX_BUFFERED_BYTES',
    1_048_576,
    16_384,
    1_073_741_824,
    errors,
  );
  const sseHeartbeatMs = integer(env, 'SSE_HEARTBEAT_MS', 15_000, 100, 600_000, errors);
  const shutdownTimeoutMs = integer(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000, errors);
  const host = env.HOST?.trim() || '127.0.0.1';
  const logLevelRaw = (env.LOG_LEVEL ?? 'info').trim();
  const logLevel = LEVELS.find((l) => l === logLevelRaw);
  if (!logLevel)
    errors.push(`LOG_LEVEL must be one of ${LEVELS.join(', ')} (got "${logLevelRaw}")`);

  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    errors.push('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }
  let dailyApiKey = env.DAILY_API_KEY?.trim() || undefined;
  let dailyApiKeySource: Config['dailyApiKeySource'] = dailyApiKey ? 'environment' : 'none';
  if (mode === 'real' && !dailyApiKey)
    errors.push('DAILY_API_KEY is required when CONSOLE_MODE=real');
  if (mode === 'sandbox' && !dailyApiKey) {
    dailyApiKey = randomBytes(24).toString('base64url');
    dailyApiKeySource = 'generated';
  }
  const dailyApiUrl = httpUrl(env, 'DAILY_API_URL', errors);
  const publicOriginUrl = httpUrl(env, 'PUBLIC_ORIGIN', errors);
  const publicOrigin = publicOriginUrl ? new URL(publicOriginUrl).origin : undefined;
  const trustProxyRaw = (env.TRUST_PROXY ?? '').trim().toLowerCase();
  if (!['', '0', '1', 'true', 'false'].includes(trustProxyRaw)) {
    errors.push(`TRUST_PROXY must be 1 or 0 (got "${env.TRUST_PROXY}")`);
  }
  const trustProxy = trustProxyRaw === '1' || trustProxyRaw === 'true';
  const trustProxyHops = integer(env, 'TRUST_PROXY_HOPS', 1, 1, 10, errors);
  if (mode === 'real' && trustProxy && !publicOrigin) {
    // Behind a proxy the Host header is the proxy's to set: the Origin check needs the real one.
    errors.push(
      'PUBLIC_ORIGIN is required when CONSOLE_MODE=real and TRUST_PROXY=1: the https:// origin agents open the console at',
    );
  }
  const oidc = oidcConfig(env, errors);
  const roomAccess = parseRoomAccess(env, errors);
  const sessionIdleMinutes = integer(env, 'SESSION_IDLE_MINUTES', 60, 1, 1440, errors);
  const sessionMaxHours = integer(env, 'SESSION_MAX_HOURS', 12, 1, 720, errors);

  let webhookSecret: Buffer | undefined;
  let webhookSecretSource: Config['webhookSecretSource'] = 'none';
  const secretRaw = env.DAILY_WEBHOOK_SECRET;
  if (secretRaw !== undefined && secretRaw.trim() !== '') {
    webhookSecret = decodeSecret(secretRaw);
    if (webhookSecret) webhookSecretSource = 'environment';
    else {
      errors.push(
        'DAILY_WEBHOOK_SECRET must be the base64 "hmac" secret Daily gave the webhook (at least 16 bytes)',
      );
    }
  } else if (mode === 'sandbox') {
    webhookSecret = randomBytes(32);
    webhookSecretSource = 'generated';
  }

  const config: Config = {
    mode,
    host,
    port,
    dataDir: path.resolve(cwd, env.DATA_DIR?.trim() || 'data'),
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(dailyApiKey ? { dailyApiKey } : {}),
    dailyApiKeySource,
    ...(dailyApiUrl ? { dailyApiUrl: dailyApiUrl.replace(/\/+$/, '') } : {}),
    ...(publicOrigin ? { publicOrigin } : {}),
    trustProxy,
    trustProxyHops,
    sessionIdleMs: sessionIdleMinutes * 60_000,
    sessionMaxMs: sessionMaxHours * 3_600_000,
    ...(oidc ? { oidc } : {}),
    ...(webhookSecret ? { webhookSecret } : {}),
    webhookSecretSource,
    retentionDays,
    historyRetentionDays,
    logLevel: logLevel ?? 'info',
    distDir: path.resolve(cwd, env.DIST_DIR?.trim() || 'dist'),
    sseMaxBufferedBytes,
    sseHeartbeatMs,
    shutdownTimeoutMs,
    roomAccess,
    ...queueConfig(env, mode, errors, integer, decodeSecret),
  };
  return errors.length ? { ok: false, errors } : { ok: true, config };
}

/** What may be logged about the configuration: no secret, no credentials in URLs. */
export function describeConfig(c: Config): Record<string, unknown> {
  return {
    mode: c.mode,
    host: c.host,
    port: c.port,
    store: c.databaseUrl ? `postgres (${redactUrl(c.databaseUrl)})` : `pglite (${c.dataDir})`,
    dailyApiKey: c.dailyApiKeySource,
    dailyApi:
      c.dailyApiUrl ?? (c.mode === 'sandbox' ? 'sandbox REST double' : 'https://api.daily.co/v1'),
    publicOrigin: c.publicOrigin ?? '(the request host)',
    singleSignOn: c.oidc ? c.oidc.issuer : 'off',
    webhookSecret: c.webhookSecretSource,
    retentionDays: c.retentionDays,
    agentRooms: c.roomAccess.agentRooms ? [...c.roomAccess.agentRooms] : 'every room',
    ownerTokenRoles: [...c.roomAccess.ownerRoles],
    historyRetentionDays: c.historyRetentionDays,
  };
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}

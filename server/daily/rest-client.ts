/**
 * The server's Daily REST client: typed requests and responses (zod), a per-call timeout,
 * and, only for requests that are safe to repeat (reads; minting a token), retries with
 * backoff on 429 (honouring Retry-After), 5xx and network errors. A POST that acts on a call
 * is sent once: even a 429 is not documented to mean "not acted on", so it goes back to the
 * person, with Daily's Retry-After. Daily's error text is mapped to one clear message. The
 * API key is sent only in the Authorization header and appears in no error or log line.
 * In sandbox mode the same client talks to the server's REST double over HTTP: only the base
 * URL and the key differ.
 */
import { z } from 'zod';

export const DAILY_API_URL = 'https://api.daily.co/v1';

export type DailyErrorKind =
  | 'auth'
  | 'rate-limited'
  | 'not-found'
  | 'rejected'
  | 'daily-error'
  | 'timeout'
  | 'unreachable'
  | 'bad-response';

export class DailyApiError extends Error {
  constructor(
    readonly kind: DailyErrorKind,
    message: string,
    readonly status?: number,
    readonly retryAfterS?: number,
  ) {
    super(message);
    this.name = 'DailyApiError';
  }
}

const errorBody = z
  .object({ error: z.string().optional(), info: z.string().optional() })
  .passthrough();

const room = z
  .object({
    id: z.string(),
    name: z.string(),
    url: z.string(),
    privacy: z.string().optional(),
    created_at: z.string().optional(),
    config: z
      .object({
        sip: z
          .object({
            display_name: z.string().optional(),
            sip_mode: z.string().optional(),
            num_endpoints: z.number().optional(),
          })
          .passthrough()
          .nullish(),
        sip_uri: z
          .object({ endpoint: z.string(), extra_endpoints: z.array(z.string()).optional() })
          .passthrough()
          .nullish(),
        dialin: z.unknown().optional(),
        enable_dialout: z.boolean().optional(),
      })
      .passthrough()
      .default({}),
  })
  .passthrough();
export type DailyRoom = z.infer<typeof room>;
const roomPage = z.object({ total_count: z.number(), data: z.array(room) });

const phoneNumber = z
  .object({
    id: z.string(),
    number: z.string(),
    name: z.string().nullish(),
    pagination_id: z.string().optional(),
    status: z.string().optional(),
    verified: z.boolean().optional(),
  })
  .passthrough();
export type DailyPhoneNumber = z.infer<typeof phoneNumber>;
const phonePage = z.object({ total_count: z.number(), data: z.array(phoneNumber) });

const okString = z.object({ ok: z.union([z.literal('true'), z.literal(true)]) }).passthrough();
const tokenResponse = z.object({ token: z.string().min(10) });
const dialOutStart = z.object({ ok: z.unknown(), sessionId: z.string().optional() }).passthrough();
const ejected = z.object({ ejectedIds: z.array(z.string()) }).passthrough();

export interface DailyClientOptions {
  /** A function when the URL is known only later (the sandbox double on the server's own port). */
  baseUrl: string | (() => string);
  apiKey: string;
  timeoutMs?: number;
  /** Attempts in all (first + retries). */
  attempts?: number;
  /** Backoff base; doubles each retry (a Retry-After header takes its place). */
  backoffMs?: number;
  /** The longest Retry-After honoured; longer → the call fails with "rate-limited". */
  maxRetryAfterS?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

export interface MeetingTokenRequest {
  room_name: string;
  user_name: string;
  is_owner?: boolean;
  /** Daily's token `permissions`; `canAdmin: ['participants']` is participant admin. */
  permissions?: { canAdmin?: ('participants' | 'streaming' | 'transcription')[] };
  /** Unix seconds. */
  exp: number;
  eject_at_token_exp?: boolean;
}

export interface TransferRequest {
  sessionId: string;
  toEndPoint: string;
  callerId?: string;
  extension?: string;
  waitBeforeExtensionDialSec?: number;
}

const sleepFor = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function retryAfterSeconds(header: string | null): number | undefined {
  if (!header) return undefined;
  const n = Number(header);
  if (Number.isFinite(n) && n >= 0) return n;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, (at - Date.now()) / 1000);
}

/** Daily asked us to wait `after` seconds: the caller is told when to try again. */
function rateLimited(after: number): DailyApiError {
  const seconds = Math.ceil(after);
  return new DailyApiError(
    'rate-limited',
    `Daily is rate-limiting this server; try again in ${seconds} s`,
    429,
    seconds,
  );
}

function describe(status: number, body: z.infer<typeof errorBody> | undefined): DailyApiError {
  const info = body?.info ?? body?.error;
  const detail = info ? `: ${info.slice(0, 300)}` : '';
  if (status === 401 || status === 403) {
    return new DailyApiError(
      'auth',
      `Daily refused the server's API key (${status}). Check DAILY_API_KEY.`,
      status,
    );
  }
  if (status === 404)
    return new DailyApiError('not-found', `Daily does not know it${detail}`, status);
  if (status === 429)
    return new DailyApiError(
      'rate-limited',
      'Daily is rate-limiting this server; try again shortly',
      status,
    );
  if (status >= 500)
    return new DailyApiError('daily-error', `Daily had an error (${status}); try again`, status);
  return new DailyApiError(
    'rejected',
    `Daily rejected the request${detail || ` (${status})`}`,
    status,
  );
}

export function createDailyClient(opts: DailyClientOptions) {
  const base = () =>
    (typeof opts.baseUrl === 'function' ? opts.baseUrl() : opts.baseUrl).replace(/\/+$/, '');
  const doFetch = opts.fetch ?? fetch;
  const sleep = opts.sleep ?? sleepFor;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const attempts = opts.attempts ?? 3;
  const backoffMs = opts.backoffMs ?? 250;
  const maxRetryAfterS = opts.maxRetryAfterS ?? 10;

  async function call<T>(
    method: 'GET' | 'POST',
    path: string,
    schema: z.ZodType<T>,
    body?: unknown,
    /** Safe to send twice (reads; minting a token): 5xx and network errors are retried too. */
    repeatable = method === 'GET',
  ): Promise<T> {
    let last: DailyApiError | undefined;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      let res: Response;
      try {
        res = await doFetch(`${base()}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${opts.apiKey}`,
            accept: 'application/json',
            ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        const timedOut =
          error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
        last = timedOut
          ? new DailyApiError('timeout', `Daily did not answer within ${timeoutMs / 1000} s`)
          : new DailyApiError('unreachable', "Can't reach Daily's API");
        if (!repeatable || attempt === attempts) throw last;
        await sleep(backoffMs * 2 ** (attempt - 1));
        continue;
      }
      const text = await res.text();
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      if (res.ok) {
        const parsed = schema.safeParse(json);
        if (!parsed.success) {
          throw new DailyApiError(
            'bad-response',
            `Daily's answer to ${method} ${path.split('?')[0]} had an unexpected shape`,
            res.status,
          );
        }
        return parsed.data;
      }
      const err = errorBody.safeParse(json);
      last = describe(res.status, err.success ? err.data : undefined);
      const after = retryAfterSeconds(res.headers.get('retry-after'));
      const retryable = repeatable && (res.status === 429 || res.status >= 500);
      if (!retryable || attempt === attempts) {
        if (res.status === 429 && after !== undefined) {
          throw rateLimited(after);
        }
        throw last;
      }
      if (after !== undefined && after > maxRetryAfterS) {
        throw rateLimited(after);
      }
      await sleep(after !== undefined ? after * 1000 : backoffMs * 2 ** (attempt - 1));
    }
    throw last ?? new DailyApiError('unreachable', "Can't reach Daily's API");
  }

  const enc = encodeURIComponent;

  return {
    /** Every room of the domain (pages of 100, at most `maxPages`). */
    async listRooms(maxPages = 20): Promise<DailyRoom[]> {
      const rooms: DailyRoom[] = [];
      let after: string | undefined;
      for (let page = 0; page < maxPages; page++) {
        const q = new URLSearchParams({
          limit: '100',
          ...(after ? { starting_after: after } : {}),
        });
        const res = await call('GET', `/rooms?${q}`, roomPage);
        rooms.push(...res.data);
        if (res.data.length < 100 || rooms.length >= res.total_count) break;
        after = res.data[res.data.length - 1]!.id;
      }
      return rooms;
    },
    getRoom: (name: string) => call('GET', `/rooms/${enc(name)}`, room),
    /** Every purchased number, following `pagination_id` (pages of 50, at most `maxPages`). */
    async listPhoneNumbers(maxPages = 20): Promise<DailyPhoneNumber[]> {
      const numbers: DailyPhoneNumber[] = [];
      let after: string | undefined;
      for (let page = 0; page < maxPages; page++) {
        const q = new URLSearchParams({ limit: '50', ...(after ? { starting_after: after } : {}) });
        const res = await call('GET', `/purchased-phone-numbers?${q}`, phonePage);
        numbers.push(...res.data);
        const lastId = res.data[res.data.length - 1]?.pagination_id;
        if (res.data.length < 50 || numbers.length >= res.total_count || !lastId) break;
        after = lastId;
      }
      return numbers;
    },
    createMeetingToken: async (properties: MeetingTokenRequest) =>
      (await call('POST', '/meeting-tokens', tokenResponse, { properties }, true)).token,
    sipCallTransfer: (roomName: string, body: TransferRequest) =>
      call('POST', `/rooms/${enc(roomName)}/sipCallTransfer`, okString, body),
    /** Any 2xx is accepted: the response body of sipRefer is undocumented. */
    sipRefer: (roomName: string, body: { sessionId: string; toEndPoint: string }) =>
      call('POST', `/rooms/${enc(roomName)}/sipRefer`, z.unknown(), body),
    stopDialOut: (roomName: string, sessionId: string) =>
      call('POST', `/rooms/${enc(roomName)}/dialOut/stop`, z.unknown(), { sessionId }),
    startDialOut: (roomName: string, body: Record<string, unknown>) =>
      call('POST', `/rooms/${enc(roomName)}/dialOut/start`, dialOutStart, body),
    eject: (roomName: string, ids: string[]) =>
      call('POST', `/rooms/${enc(roomName)}/eject`, ejected, { ids }),
    /** Routes a call Daily holds (pinless dial-in) to a room's SIP URI (docs/daily-api.md). */
    pinlessCallUpdate: (body: { callId: string; callDomain: string; sipUri: string }) =>
      call('POST', '/dialin/pinlessCallUpdate', z.unknown(), body),
  };
}

export type DailyClient = ReturnType<typeof createDailyClient>;

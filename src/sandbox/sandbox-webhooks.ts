/**
 * What Daily's webhooks would carry for a sandbox happening (spec §5.1–5.2 field names): the
 * payload the server's relay wraps in an envelope, signs and delivers to `/webhooks/daily`.
 * Pure; the relay adds `timestamp`, the envelope `id` and `event_ts`.
 */
import { isDialIn, type PhoneLeg } from './sandbox-legs';

export const SANDBOX_DOMAIN_ID = 'sandbox-domain';

export interface SandboxWebhook {
  type: string;
  payload: Record<string, string | number | boolean | null>;
}

export function webhookFor(
  type: string,
  leg: PhoneLeg,
  room: string,
  extra: Record<string, unknown> = {},
): SandboxWebhook {
  const base = { domain_id: SANDBOX_DOMAIN_ID, room, session_id: leg.sessionId };
  const message: Record<string, string> =
    typeof extra.errorMsg === 'string' ? { error_msg: extra.errorMsg } : {};
  const [family] = type.split('.');
  if (family === 'calltransfer') {
    const transfer = leg.transfer;
    return {
      type,
      payload: {
        ...base,
        mtg_session_id: `sandbox-meeting-${room}`,
        to_endpoint: transfer?.toEndPoint ?? null,
        from_endpoint: leg.address,
        ...(type === 'calltransfer.completed' ? {} : { is_sip_refer: transfer?.refer === true }),
      },
    };
  }
  if (family === 'dialin' || isDialIn(leg)) {
    return {
      type,
      payload: {
        ...base,
        sip_from: leg.sipFrom ?? leg.address,
        display_name: leg.name,
        ...message,
      },
    };
  }
  return {
    type,
    payload: {
      ...base,
      user_id: leg.userId ?? null,
      destination: leg.address,
      origin: leg.origin ?? null,
      caller_id: leg.callerId ?? null,
      ...message,
    },
  };
}

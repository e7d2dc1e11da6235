/**
 * The server's projections of Daily's webhooks, as rows: one per SIP/PSTN leg (session) and one
 * per transfer (session and destination). The server builds them (`server/domain/projection.ts`)
 * and streams them (`event: leg`, `event: transfer`); the supervisor wall reads them. Defined
 * here, below both, so the two cannot drift apart.
 */
export type LegState =
  'connected' | 'ringing' | 'answered' | 'ended' | 'failed' | 'transferred' | 'referred';

export interface LegRow {
  session_id: string;
  room: string | null;
  direction: 'dial-in' | 'dial-out' | null;
  network: 'pstn' | 'sip' | null;
  from_addr: string | null;
  to_addr: string | null;
  display_name: string | null;
  started_at: number | null;
  ended_at: number | null;
  state: LegState;
  detail: string | null;
}

export type TransferOutcome = 'requested' | 'initiated' | 'answered' | 'completed' | 'failed';

export interface TransferRow {
  session_id: string;
  to_endpoint: string;
  room: string | null;
  from_endpoint: string | null;
  refer: boolean;
  triggered_at: number | null;
  initiated_at: number | null;
  answered_at: number | null;
  completed_at: number | null;
  outcome: TransferOutcome;
}

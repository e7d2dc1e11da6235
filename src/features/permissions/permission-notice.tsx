import { useTelephonyRights } from '../../shared/action-engine';

/** Says plainly when telephony actions are unavailable, and why. */
export function PermissionNotice() {
  const rights = useTelephonyRights();
  if (rights.role !== 'participant') return null;
  return (
    <div
      role="note"
      aria-label="Permissions"
      className="rounded border border-amber-400 bg-amber-50 p-3 text-sm text-amber-950"
    >
      <strong>Telephony actions are unavailable.</strong> {rights.reason}
    </div>
  );
}

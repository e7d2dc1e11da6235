import { Badge } from '../../ui/badge';
import { useCallOwner } from '../../shared/queue-data';

/** A queue call's owner: "Mine" for the signed-in agent's own, else "Others: handled by <agent>". */
export function CallOwnerBadge({ sessionId, address }: { sessionId: string; address?: string }) {
  const owner = useCallOwner(sessionId, address);
  if (!owner) return null;
  return owner.mine ? (
    <Badge tone="success">Mine</Badge>
  ) : (
    <Badge tone="neutral">Others: handled by {owner.handledBy}</Badge>
  );
}

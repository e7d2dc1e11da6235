import { useState } from 'react';
import { Button } from '../../ui/button';
import { Dialog } from '../../ui/dialog';
import { DispositionEditor } from './disposition-editor';
import { QueueForm } from './queue-form';
import { useQueueAdmin, useQueueConfigs } from './admin-api';

function QueueTable() {
  const queues = useQueueConfigs();
  const { removeQueue } = useQueueAdmin();
  if (!queues.data?.length) return <p className="text-sm text-slate-700">No queues yet.</p>;
  return (
    <table className="w-full text-sm">
      <caption className="text-left font-medium">Queues</caption>
      <thead>
        <tr>
          {['Name', 'Numbers', 'Members', 'Strategy', 'Wrap-up', ''].map((h) => (
            <th key={h} scope="col" className="text-left">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {queues.data.map((q) => (
          <tr key={q.id}>
            <td>{q.name}</td>
            <td>{q.numbers.join(', ') || '—'}</td>
            <td>{q.members.join(', ') || '—'}</td>
            <td>{q.strategy}</td>
            <td>{q.wrapUpS} s</td>
            <td>
              <Button
                size="sm"
                variant="ghost"
                aria-label={`Remove queue ${q.name}`}
                onClick={() => void removeQueue.mutateAsync(q.id)}
              >
                Remove
              </Button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Admins: the "Queues" button and its dialog (queues, their numbers and members; dispositions). */
export function QueueAdminButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>Queues</Button>
      {open ? (
        <Dialog
          open
          onOpenChange={setOpen}
          title="Queues"
          description="Which numbers feed which queue, who answers it, and the disposition codes of wrap-up."
        >
          <div className="flex flex-col gap-4">
            <QueueTable />
            <QueueForm />
            <h3 className="font-semibold">Disposition codes</h3>
            <DispositionEditor />
          </div>
        </Dialog>
      ) : null}
    </>
  );
}

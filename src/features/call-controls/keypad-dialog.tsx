import { useRef, useState, type FormEvent } from 'react';
import { useDaily } from '@daily-co/daily-react';
import { validateDtmfTones } from '../../domain/destination';
import { Button } from '../../ui/button';
import { Dialog, DialogClose } from '../../ui/dialog';
import { Field } from '../../ui/field';
import { callSdk, sdkErrorMessage } from '../../daily';
import { useLeg, type LegDialogProps } from '../../shared/leg-data';

const KEYS = ['1', '2', '3', 'A', '4', '5', '6', 'B', '7', '8', '9', 'C', '*', '0', '#', 'D'];

interface Sent {
  tones: string;
  outcome: 'sending' | 'sent' | 'failed';
  error?: string;
}

/**
 * DTMF for navigating an IVR: each key sends its tone at once; the field takes a pasted
 * sequence (up to 20 tones per send, sendDTMF's limit). Sends go out one after another, in the
 * order pressed, and each is listed with its outcome.
 */
export function KeypadDialog({ sessionId, onClose }: LegDialogProps) {
  const call = useDaily();
  const leg = useLeg(sessionId);
  const [tones, setTones] = useState('');
  const [error, setError] = useState<string>();
  const [sent, setSent] = useState<Sent[]>([]);
  const inputRef = useRef<HTMLInputElement>(null);
  const count = useRef(0);
  const queue = useRef<Promise<unknown>>(Promise.resolve());

  function sendTones(value: string) {
    if (!call) return;
    const index = count.current++;
    setSent((s) => [...s, { tones: value, outcome: 'sending' }]);
    const mark = (patch: Partial<Sent>) =>
      setSent((s) => s.map((x, i) => (i === index ? { ...x, ...patch } : x)));
    queue.current = queue.current.then(() =>
      callSdk(call, 'sendDTMF', { sessionId, tones: value }).then(
        () => mark({ outcome: 'sent' }),
        (err: unknown) => mark({ outcome: 'failed', error: sdkErrorMessage(err) }),
      ),
    );
  }

  function send(e: FormEvent) {
    e.preventDefault();
    const parsed = validateDtmfTones(tones);
    if (!parsed.ok) {
      setError(parsed.error);
      inputRef.current?.focus();
      return;
    }
    setError(undefined);
    setTones('');
    sendTones(parsed.value);
  }

  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={`Keypad for ${leg.name}`}
      description="Each key sends its touch tone at once. To send a sequence (up to 20 of 0-9, A-D, * and #), paste it in the field."
    >
      <form onSubmit={send} noValidate className="flex flex-col gap-3">
        <div className="grid grid-cols-4 gap-1" role="group" aria-label="Keys">
          {KEYS.map((k) => (
            <Button key={k} aria-label={`Key ${k}`} onClick={() => sendTones(k)}>
              {k}
            </Button>
          ))}
        </div>
        <Field
          ref={inputRef}
          label="Tones"
          name="tones"
          autoComplete="off"
          value={tones}
          onChange={(e) => setTones(e.target.value)}
          error={error}
        />
        <div className="flex justify-end gap-2">
          <DialogClose asChild>
            <Button>Close</Button>
          </DialogClose>
          <Button type="submit" variant="primary">
            Send tones
          </Button>
        </div>
      </form>
      <ul aria-label="Sent tones" className="mt-3 flex flex-col gap-1 text-sm">
        {sent.map((s, i) => (
          <li key={i} className="font-mono">
            {s.tones} — {s.outcome === 'failed' ? `failed: ${s.error}` : s.outcome}
          </li>
        ))}
      </ul>
    </Dialog>
  );
}

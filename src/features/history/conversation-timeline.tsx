import { useEffect, useRef } from 'react';
import { Button } from '../../ui/button';
import { useTimeline, type Conversation } from './history-api';
import { callerText, formatClock, formatWhen, stepWords, wrapUpWords } from './history-words';

/**
 * A conversation's timeline: every webhook of every leg, in order, each at Daily's own time
 * for it (to the millisecond), with the room it happened in, and a queue call's wrap-up (its
 * disposition and note) last. Focus moves to its heading.
 */
export function ConversationTimeline({
  conversation,
  onClose,
}: {
  conversation: Conversation;
  onClose(): void;
}) {
  const detail = useTimeline(conversation.id);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [conversation.id]);
  // The wrap-up is filed after the call: the timeline's last entry (the server's copy is newer).
  const wrap = detail.data?.conversation.wrap_up ?? conversation.wrap_up;
  const title = `Timeline of ${callerText(conversation.caller, conversation.caller_name)}`;
  return (
    <section aria-labelledby="timeline-heading" className="rounded-lg bg-white p-4 shadow">
      <div className="flex items-center justify-between gap-2">
        <h2 id="timeline-heading" ref={heading} tabIndex={-1} className="text-lg font-semibold">
          {title}
        </h2>
        <Button size="sm" onClick={onClose}>
          Close timeline
        </Button>
      </div>
      <p className="text-sm text-slate-600">Started {formatWhen(conversation.started_at)}</p>
      {detail.isPending ? <p>Loading the timeline…</p> : null}
      {detail.isError ? (
        <p role="alert" className="text-red-800">
          {detail.error.message}
        </p>
      ) : null}
      {detail.data ? (
        <ol aria-label="Events" className="mt-2 flex flex-col gap-1">
          {detail.data.steps.map((step) => (
            <li key={step.seq} className="flex flex-wrap gap-x-3 border-t border-slate-100 pt-1">
              <time dateTime={new Date(step.at).toISOString()} className="tabular-nums">
                {formatClock(step.at)}
              </time>
              <span>{stepWords(step)}</span>
              <span className="text-slate-600">
                in {step.room ?? 'an unknown room'} · leg {step.session_id}
              </span>
            </li>
          ))}
          {wrap ? (
            <li className="flex flex-wrap gap-x-3 border-t border-slate-100 pt-1">
              {wrap.filed_at !== null ? (
                <time dateTime={new Date(wrap.filed_at).toISOString()} className="tabular-nums">
                  {formatClock(wrap.filed_at)}
                </time>
              ) : null}
              <span>{wrapUpWords(wrap)}</span>
              {wrap.note ? <q className="basis-full text-slate-700">{wrap.note}</q> : null}
            </li>
          ) : null}
        </ol>
      ) : null}
    </section>
  );
}

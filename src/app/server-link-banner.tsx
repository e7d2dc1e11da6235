import { useEffect } from 'react';
import type { SandboxDriver } from '../daily';
import { linkWords, LINK_LIVE } from '../domain/server-link';
import { forgetServerLink, reportServerLink, useServerLink } from '../shared/action-engine';
import { Button } from '../ui/button';
import { useNow } from '../ui/use-now';

/**
 * The shared sandbox's link to the server that hosts it: fed to the action engine (which
 * pauses actions and settles those in flight as "outcome unknown"), and, while it is down, a
 * banner that names what is unreachable, when the next attempt is, and offers to try now. The
 * in-tab sandbox and real Daily rooms have no such link (the call does not go through the
 * server): nothing is shown.
 */
export function ServerLinkBanner({ sandbox }: { sandbox: SandboxDriver | null }) {
  const watched = sandbox?.link ? sandbox : null;
  // Synchronously on the call's notification: actions in flight must settle as "outcome
  // unknown" before the call rejects their pending requests as interrupted.
  useEffect(() => {
    if (!watched?.link) return;
    const update = () => {
      // Left, or the room ended: nothing comes back (and nothing is announced).
      if (watched.meetingState() !== 'joined-meeting') forgetServerLink();
      else reportServerLink(watched.link?.() ?? LINK_LIVE);
    };
    update();
    const stop = watched.subscribe(update);
    return () => {
      stop();
      forgetServerLink();
    };
  }, [watched]);
  const link = useServerLink();
  if (link.status === 'live') return null;
  return <Banner link={link} onTryNow={() => watched?.reconnectNow?.()} />;
}

const BANNER = 'flex flex-col gap-1 border-b border-amber-400 bg-amber-50 px-4 py-3 text-amber-950';

function Banner({
  link,
  onTryNow,
}: {
  link: Exclude<ReturnType<typeof useServerLink>, { status: 'live' }>;
  onTryNow: () => void;
}) {
  const now = useNow();
  const words = linkWords(link, now);
  if (!words) return null;
  return (
    <section aria-labelledby="server-link-title" className={BANNER}>
      {/* The alert holds what does not change while it lasts; the countdown stays outside it. */}
      <div role="alert">
        <h2 id="server-link-title" className="font-semibold">
          {words.title}
        </h2>
        <p className="text-sm">{words.detail}</p>
      </div>
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <span>{words.next}</span>
        <Button size="sm" onClick={onTryNow} disabled={link.nextAttemptAt === undefined}>
          Try now
        </Button>
        {link.error ? (
          <span className="text-xs text-slate-700">Last attempt: {link.error}</span>
        ) : null}
      </div>
    </section>
  );
}

/** What the agent sees before any call arrives, and what happens next. */
export function CallListEmpty({
  sandbox,
  showEveryone,
}: {
  sandbox: boolean;
  showEveryone: boolean;
}) {
  return (
    <div className="rounded border border-dashed border-slate-400 bg-white p-4 text-sm text-slate-700">
      <p className="font-medium">{showEveryone ? 'Nobody is here yet.' : 'No phone calls yet.'}</p>
      {sandbox ? (
        <p>
          This is the sandbox. Use <strong>Simulate incoming PSTN call</strong> or{' '}
          <strong>Simulate incoming SIP call</strong> in the Sandbox panel, or from a test call{' '}
          <code>
            window.sandbox.dialIn(&#123; kind: &apos;pstn&apos;, from: &apos;+14155550100&apos;
            &#125;)
          </code>
          . Calls appear here the moment they connect.
        </p>
      ) : (
        <p>
          Calls appear here the moment someone dials the room&apos;s phone number or SIP address, or
          when you dial out.
        </p>
      )}
    </div>
  );
}

import type { CostNotice } from '../../domain/cost';

/** "What will happen" before the agent commits: who leaves, who stays, what is billed. */
export function CostPreview({ notice }: { notice: CostNotice | undefined }) {
  if (!notice) {
    return (
      <p className="text-sm text-slate-600">
        Enter a destination to see what will happen and how the call is billed.
      </p>
    );
  }
  return (
    <section
      aria-label="What will happen"
      className="rounded border border-blue-200 bg-blue-50 p-3 text-sm"
    >
      <h3 className="font-semibold">{notice.headline}</h3>
      <ul className="mt-1 list-disc pl-5">
        {notice.lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </section>
  );
}

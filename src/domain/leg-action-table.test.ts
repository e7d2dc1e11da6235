/**
 * The phase × input tables in `leg-action.ts`'s header are read by people, so they must say
 * what the reducer does: every cell is replayed here against `stepAction`. Cells marked with a
 * footnote are checked for the methods the footnote does not cover.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TIMEOUTS, startAction, stepAction } from './leg-action';
import type { ActionInput, ActionMethod, HangUpVia, LegAction } from './leg-action';

/** The leg, the action and the start time of every replayed cell. */
const [S, ID, T0] = ['leg-1', 'action-1', 1_000_000] as const;
const FOOTNOTES = /[¹²³⁴⁵]/;

interface Subject {
  label: string;
  method: ActionMethod;
  via?: HangUpVia;
}

const HAND_OVER: Subject[] = [
  { label: 'T', method: 'transfer' },
  { label: 'R', method: 'refer' },
  { label: 'H', method: 'hang-up', via: 'eject' },
  { label: 'H', method: 'hang-up', via: 'stop-dial-out' },
];
const DIAL_OUT: Subject[] = [{ label: 'D', method: 'dial-out' }];

/** Inputs by column name. */
const INPUTS: Record<string, ActionInput> = {
  resolved: { type: 'resolved' },
  rejected: { type: 'rejected', reason: 'no' },
  left: { type: 'participant-left', sessionId: S },
  stopped: { type: 'stopped', sessionId: S },
  'left, stopped': { type: 'participant-left', sessionId: S },
  error: { type: 'error', sessionId: S, message: 'boom' },
  warning: { type: 'warning', sessionId: S, message: 'hmm' },
  'hook:trig': { type: 'transfer-webhook', stage: 'triggered', sessionId: S },
  'hook:later': { type: 'transfer-webhook', stage: 'initiated', sessionId: S },
  'joined ³': { type: 'participant-joined', sessionId: S, playable: true },
  connected: { type: 'dialout-connected', sessionId: S },
  answered: { type: 'dialout-answered', sessionId: S },
  'audio ⁴': { type: 'audio-playable', sessionId: S },
  tick: { type: 'tick' },
};

/** How to bring a subject into a phase. */
const REACH: Record<string, ActionInput[]> = {
  requested: [],
  'left-pending': [INPUTS.left!],
  accepted: [INPUTS.resolved!],
  'left-room': [INPUTS.resolved!, INPUTS.left!],
  ringing: [INPUTS.connected!],
  answered: [INPUTS.answered!],
};

function reach(subject: Subject, phase: string): LegAction {
  let action = startAction(
    {
      id: ID,
      method: subject.method,
      ...(subject.via ? { via: subject.via } : {}),
      ...(subject.method === 'dial-out' ? {} : { sessionId: S }),
      callerName: 'Alice',
      destination: '+15551234567',
    },
    T0,
  );
  if (subject.method === 'dial-out') action = { ...action, sessionId: S };
  for (const [i, input] of (REACH[phase] ?? []).entries()) {
    action = stepAction(action, input, T0 + i + 1);
  }
  expect(action.phase, `${subject.label} reaches ${phase}`).toBe(phase);
  return action;
}

/** What one input did, in the table's words. */
function outcome(before: LegAction, input: ActionInput): string {
  const now = input.type === 'tick' ? (before.deadline ?? T0 + 10_000_000) : T0 + 100;
  const after = stepAction(before, input, now, DEFAULT_TIMEOUTS);
  if (after === before) return '·';
  if (after.phase !== before.phase) return `→ ${after.phase}`;
  if (after.history.length > before.history.length) return 'note';
  if (after.sawLeft !== before.sawLeft || after.sawStopped !== before.sawStopped) return 'flag';
  return 'changed without a phase, note or flag';
}

interface Table {
  columns: string[];
  rows: { phase: string; only?: string; cells: string[] }[];
}

/** The header's tables: a header row `phase | …`, a rule, then rows until a blank line. */
function tables(): Table[] {
  const lines = readFileSync(new URL('./leg-action.ts', import.meta.url), 'utf8')
    .split('\n')
    .map((l) => l.replace(/^\s*\*\s?/, ''));
  const found: Table[] = [];
  for (let i = 0; i < lines.length; i++) {
    const cols = lines[i]!.split('|').map((c) => c.trim());
    if (cols[0] !== 'phase') continue;
    const table: Table = { columns: cols.slice(1), rows: [] };
    for (let j = i + 2; lines[j]!.includes('|'); j++) {
      const [head = '', ...cells] = lines[j]!.split('|').map((c) => c.trim());
      const last = table.rows.at(-1);
      if (head === '' && last) {
        // A continuation line: `H: …` overrides the cell for hang-ups, else the text goes on.
        cells.forEach((c, k) => {
          if (c) last.cells[k] = c.startsWith('H:') ? `${last.cells[k]}; ${c}` : last.cells[k] + c;
        });
        continue;
      }
      const [phase = '', only] = head.split(/\s+/);
      table.rows.push({ phase, ...(only ? { only } : {}), cells });
    }
    found.push(table);
  }
  return found;
}

/** The cell's claim for one subject, or undefined when a footnote or a note covers it. */
function claim(cell: string, subject: Subject): string | undefined {
  if (cell.startsWith('(')) return undefined;
  let text = cell.replace(/\(.*\)/, '').trim();
  const footnoted = FOOTNOTES.test(text);
  // "T, H: → timed-out; R: → unconfirmed" and "→ left-pending; H: → done": per-method parts.
  const parts = text.split(';').map((p) => p.trim());
  if (parts.length > 1 || /^[TRHD](, [TRHD])*:/.test(text)) {
    text = parts[0]!;
    for (const part of parts) {
      const m = /^([TRHD](?:, [TRHD])*): (.*)$/.exec(part);
      if (!m) continue;
      if (m[1]!.split(', ').includes(subject.label)) return m[2]!.replace(FOOTNOTES, '').trim();
      if (part === parts[0]) text = '';
    }
    if (!text) return undefined;
  }
  if (footnoted && subject.label === 'H') return undefined;
  return text.replace(FOOTNOTES, '').trim() || undefined;
}

describe('the transition tables in the header of leg-action.ts', () => {
  const [handOver1, handOver2, dialOut1, dialOut2] = tables();

  it('has the four tables (hand-over and dial-out, two halves each)', () => {
    expect([handOver1, handOver2, dialOut1, dialOut2].every(Boolean)).toBe(true);
  });

  const cases: [Table | undefined, Subject[]][] = [
    [handOver1, HAND_OVER],
    [handOver2, HAND_OVER],
    [dialOut1, DIAL_OUT],
    [dialOut2, DIAL_OUT],
  ];
  for (const [table, subjects] of cases) {
    for (const row of table?.rows ?? []) {
      for (const subject of subjects) {
        if (row.only && row.only !== subject.label) continue;
        if (row.phase === 'left-room' && subject.via !== 'eject') continue;
        it(`${subject.method}${subject.via ? ` (${subject.via})` : ''} in ${row.phase}`, () => {
          const before = reach(subject, row.phase);
          table!.columns.forEach((column, k) => {
            const input = INPUTS[column];
            expect(input, `column ${column}`).toBeDefined();
            const said = claim(row.cells[k] ?? '', subject);
            if (said === undefined) return;
            if (column.startsWith('hook:') && subject.label === 'H') return;
            // The legend: a `left` or `stopped` seen before is always `·`.
            const repeat =
              (input!.type === 'participant-left' && before.sawLeft) ||
              (input!.type === 'stopped' && before.sawStopped);
            expect(outcome(before, input!), `${row.phase} × ${column}`).toBe(repeat ? '·' : said);
          });
        });
      }
    }
  }
});

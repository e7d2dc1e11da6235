/**
 * The cost meter's rates, from a JSON file (`config/rates.json` unless RATES_FILE says where).
 * Its values are examples: a customer's contract is not known here. The file is re-read when
 * its modification time or size changes (checked on each request, a `stat` — no watcher to
 * leak or miss an editor's rename), so an edited rate reaches every wall without a restart.
 * A file that does not parse keeps the last good rates and says why.
 */
import { readFile, stat } from 'node:fs/promises';
import { z } from 'zod';
import type { Rates } from '../../src/domain/cost-meter';

const rate = z.number().finite().min(0).max(1_000);
const schema = z.object({
  note: z.string().max(2_000).optional(),
  example: z.boolean().optional(),
  currency: z.string().regex(/^[A-Z]{3}$/, 'currency: an ISO 4217 code such as USD'),
  perMinute: z.object({ pstn: rate, sip: rate }),
  referFee: rate,
});

export interface RatesAnswer {
  rates?: Rates & { note?: string };
  /** ms epoch of the file version the rates came from. */
  loadedAt?: number;
  /** Why the file could not be used (the last good rates, if any, still apply). */
  problem?: string;
}

export function ratesSource(file: string): { read(): Promise<RatesAnswer> } {
  let seen = '';
  let answer: RatesAnswer = {};
  return {
    async read() {
      let version: string;
      let mtimeMs: number;
      try {
        const s = await stat(file);
        mtimeMs = s.mtimeMs;
        version = `${s.mtimeMs}:${s.size}`;
      } catch {
        return { ...answer, problem: `No rates file at ${file}: costs are not shown` };
      }
      if (version === seen) return answer;
      seen = version;
      try {
        const parsed = schema.safeParse(JSON.parse(await readFile(file, 'utf8')));
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw new Error(`${issue?.path.join('.') || 'file'}: ${issue?.message}`);
        }
        answer = { rates: parsed.data, loadedAt: Math.round(mtimeMs) };
      } catch (error) {
        const problem = `The rates file is not valid (${(error as Error).message}); the last good rates still apply`;
        answer = answer.rates
          ? { rates: answer.rates, loadedAt: answer.loadedAt!, problem }
          : { problem };
      }
      return answer;
    },
  };
}

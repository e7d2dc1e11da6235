/**
 * `npm run queue -- <command>`: queues and disposition codes from the command line, against the
 * store the server uses (as `npm run user`; a running server with the embedded store has it
 * open, so make the change on its admin page then, "Queues"). A running server reads queue
 * changes made here when it next starts.
 *
 *   list
 *   add <name> --numbers +14155550100,+14155550111 [--members ann,bob] [--wrap-up 60]
 *       [--strategy longest-idle|ring-all]
 *   set <name> [same options as add]     replaces what is given
 *   remove <name>
 *   dispositions                          list the codes
 *   disposition <code> <label>            add or rename one
 *   undisposition <code>
 */
import { createAccountStore } from '../auth/accounts';
import {
  QueueConflict,
  STRATEGIES,
  createQueueStore,
  type Queue,
  type Strategy,
} from '../queue/queue-store';
import { fail, openStore, option } from './open-store';

const USAGE = `usage: npm run queue -- list
       npm run queue -- add|set <name> [--numbers +1415…,+1415…] [--members ann,bob] [--wrap-up 60] [--strategy longest-idle|ring-all]
       npm run queue -- remove <name>
       npm run queue -- dispositions | disposition <code> <label> | undisposition <code>`;
const E164 = /^\+[1-9]\d{6,14}$/;

function list(raw: string | undefined): string[] | undefined {
  return raw === undefined
    ? undefined
    : raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
}

function settings(args: string[], base?: Queue): Omit<Queue, 'id' | 'name'> {
  const numbers = list(option(args, '--numbers')) ?? base?.numbers ?? [];
  const bad = numbers.find((n) => !E164.test(n));
  if (bad) fail(`Numbers: "${bad}" is not in E.164 form, like +14155550100`);
  const wrap = option(args, '--wrap-up');
  const wrapUpS = wrap === undefined ? (base?.wrapUpS ?? 60) : Number(wrap);
  if (!Number.isInteger(wrapUpS) || wrapUpS < 0 || wrapUpS > 3600) fail('Wrap-up: 0 to 3600 s');
  const strategy = (option(args, '--strategy') ?? base?.strategy ?? 'longest-idle') as Strategy;
  if (!STRATEGIES.includes(strategy)) fail(`Strategy: ${STRATEGIES.join(' or ')}`);
  return {
    numbers,
    members: list(option(args, '--members')) ?? base?.members ?? [],
    wrapUpS,
    strategy,
  };
}

async function main(argv: string[]): Promise<void> {
  const args = [...argv];
  const command = args.shift();
  const db = await openStore('sign in as an admin, join, then "Queues"');
  try {
    const queues = createQueueStore(db);
    const accounts = createAccountStore(db);
    const named = async (name: string | undefined) => {
      if (!name) fail(USAGE);
      const found = (await queues.listQueues()).find(
        (q) => q.name.toLowerCase() === name.toLowerCase(),
      );
      return { name, found };
    };
    const checkMembers = async (members: string[]) => {
      for (const m of members) if (!(await accounts.find(m))) fail(`Members: no account "${m}"`);
    };
    switch (command) {
      case 'list':
        for (const q of await queues.listQueues()) {
          console.log(
            `${q.name}\t${q.strategy}\twrap-up ${q.wrapUpS} s\tnumbers: ${q.numbers.join(', ') || '-'}\tmembers: ${q.members.join(', ') || '-'}`,
          );
        }
        break;
      case 'add': {
        const { name, found } = await named(args.shift());
        if (found) fail(`A queue "${found.name}" exists; change it with "set"`);
        const s = settings(args);
        await checkMembers(s.members);
        await queues.createQueue({ name, ...s }, Date.now());
        console.log(`Created queue "${name}".`);
        break;
      }
      case 'set': {
        const { found } = await named(args.shift());
        if (!found) fail('No such queue');
        const s = settings(args, found);
        await checkMembers(s.members);
        await queues.updateQueue(found.id, { name: found.name, ...s });
        console.log(`Changed queue "${found.name}".`);
        break;
      }
      case 'remove': {
        const { found } = await named(args.shift());
        if (!found || !(await queues.deleteQueue(found.id))) fail('No such queue');
        console.log(`Removed queue "${found.name}".`);
        break;
      }
      case 'dispositions':
        for (const d of await queues.dispositions()) console.log(`${d.code}\t${d.label}`);
        break;
      case 'disposition': {
        const [code, ...label] = args;
        if (!code || !/^[a-z0-9-]{1,32}$/.test(code) || !label.length) fail(USAGE);
        await queues.putDisposition({ code, label: label.join(' ') });
        console.log(`Disposition "${code}" saved.`);
        break;
      }
      case 'undisposition':
        if (!args[0] || !(await queues.deleteDisposition(args[0]))) fail('No such disposition');
        console.log(`Disposition "${args[0]}" removed.`);
        break;
      default:
        fail(USAGE);
    }
  } catch (error) {
    if (error instanceof QueueConflict) fail(error.message);
    throw error;
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});

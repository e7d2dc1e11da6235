/**
 * `npm run user -- <command>`: accounts from the command line, against the store the server
 * uses (DATA_DIR or DATABASE_URL, as for `npm start`). The embedded store takes one process at
 * a time: while a server has it open, this refuses (naming the server's pid) rather than write
 * beside it; use the admin page then, or stop the server first.
 *
 *   add <username> --role agent|supervisor|admin [--name "Display Name"] [--password-stdin]
 *   passwd <username> [--password-stdin]
 *   role <username> <role>
 *   disable <username> | enable <username> | remove <username>
 *   signout <username>          end every session of the account
 *   list
 *
 * The password is asked for twice without echo; `--password-stdin` reads one line instead
 * (for scripts). It is never taken from an argument, which would leave it in shell history.
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { ROLES, USERNAME, USERNAME_RULE, createAccountStore, type Role } from '../auth/accounts';
import { hashPassword, passwordProblem } from '../auth/password';
import { fail, openStore, option } from './open-store';

const USAGE = `usage: npm run user -- add <username> --role agent|supervisor|admin [--name "Name"] [--password-stdin]
       npm run user -- passwd <username> [--password-stdin]
       npm run user -- role <username> <role>
       npm run user -- disable|enable|remove|signout <username>
       npm run user -- list`;

function flag(args: string[], name: string): boolean {
  const i = args.indexOf(name);
  if (i < 0) return false;
  args.splice(i, 1);
  return true;
}

async function readLine(prompt: string, hidden: boolean): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _enc, done) {
      if (!muted) process.stdout.write(chunk);
      done();
    },
  });
  const rl = createInterface({
    input: process.stdin,
    output,
    terminal: hidden && !!process.stdin.isTTY,
  });
  return new Promise((resolve) => {
    rl.question(prompt, (answer) => {
      rl.close();
      if (hidden && process.stdin.isTTY) process.stdout.write('\n');
      resolve(answer);
    });
    muted = hidden;
  });
}

async function askPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin || !process.stdin.isTTY) {
    const line = await readLine('', false);
    const problem = passwordProblem(line);
    if (problem) fail(problem);
    return line;
  }
  const first = await readLine('Password: ', true);
  const problem = passwordProblem(first);
  if (problem) fail(problem);
  const again = await readLine('Again: ', true);
  if (again !== first) fail('The two passwords differ');
  return first;
}

function username(raw: string | undefined): string {
  if (!raw) fail(USAGE);
  if (!USERNAME.test(raw)) fail(USERNAME_RULE);
  return raw;
}

function role(raw: string | undefined): Role {
  if (!raw || !(ROLES as readonly string[]).includes(raw)) fail(`Role: one of ${ROLES.join(', ')}`);
  return raw as Role;
}

async function main(argv: string[]): Promise<void> {
  const args = [...argv];
  const command = args.shift();
  const db = await openStore('sign in as an admin, then "Accounts"');
  try {
    const accounts = createAccountStore(db);
    switch (command) {
      case 'add': {
        const r = role(option(args, '--role'));
        const name = option(args, '--name');
        const fromStdin = flag(args, '--password-stdin');
        const u = username(args[0]);
        if (await accounts.find(u)) fail(`Username "${u}" is taken`);
        const hash = await hashPassword(await askPassword(fromStdin));
        await accounts.create({ username: u, displayName: name ?? u, role: r, passwordHash: hash });
        console.log(`Created ${r} "${u}".`);
        break;
      }
      case 'passwd': {
        const fromStdin = flag(args, '--password-stdin');
        const u = username(args[0]);
        const account = await accounts.find(u);
        if (!account) fail(`No account "${u}"`);
        await accounts.update(u, {
          passwordHash: await hashPassword(await askPassword(fromStdin)),
        });
        await accounts.endAllSessions(account.id);
        console.log(`Password of "${u}" changed; its sessions ended.`);
        break;
      }
      case 'role': {
        const u = username(args[0]);
        const r = role(args[1]);
        const account = await accounts.update(u, { role: r });
        if (!account) fail(`No account "${u}"`);
        await accounts.endAllSessions(account.id);
        console.log(`"${u}" is now ${r}; its sessions ended.`);
        break;
      }
      case 'disable':
      case 'enable': {
        const u = username(args[0]);
        const account = await accounts.update(u, { disabled: command === 'disable' });
        if (!account) fail(`No account "${u}"`);
        if (command === 'disable') await accounts.endAllSessions(account.id);
        console.log(`"${u}" ${command}d.`);
        break;
      }
      case 'signout': {
        const u = username(args[0]);
        const account = await accounts.find(u);
        if (!account) fail(`No account "${u}"`);
        console.log(`Ended ${await accounts.endAllSessions(account.id)} session(s) of "${u}".`);
        break;
      }
      case 'remove': {
        const u = username(args[0]);
        if (!(await accounts.remove(u))) fail(`No account "${u}"`);
        console.log(`Removed "${u}".`);
        break;
      }
      case 'list': {
        for (const a of await accounts.list()) {
          const notes = [a.demo ? 'demo' : '', a.disabled ? 'disabled' : '']
            .filter(Boolean)
            .join(', ');
          console.log(`${a.username}\t${a.role}\t${a.displayName}${notes ? `\t(${notes})` : ''}`);
        }
        break;
      }
      default:
        fail(USAGE);
    }
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});

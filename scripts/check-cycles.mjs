/**
 * Fails when modules of src/ or server/ import each other in a loop (`npm run lint` runs it
 * after ESLint; eslint-plugin-import is not a dependency). The graph is the runtime one: static
 * `import … from` and `export … from` of relative paths; `import type` / `export type` are
 * erased by TypeScript and lazy `import()` breaks a loop at load time, so neither counts.
 * Before scanning, the script checks itself on a made-up graph with a known loop, so a broken
 * parser cannot pass silently.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOTS = ['src', 'server'];
const EXTENSIONS = ['.ts', '.tsx', '.mjs', '.js'];

/** The relative module specifiers a source file loads at run time. */
export function runtimeImports(source) {
  const specifiers = [];
  // The clause between the keyword and `from` never spans another import or export statement.
  const statement =
    /^\s*(import|export)\s+(type\s+)?((?:(?!\b(?:import|export)\b)[^'";])*?)\s*from\s*['"]([^'"]+)['"]/gm;
  for (const match of source.matchAll(statement)) {
    const [, , typeOnly, , specifier] = match;
    if (!typeOnly && specifier.startsWith('.')) specifiers.push(specifier);
  }
  for (const match of source.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) {
    if (match[1].startsWith('.')) specifiers.push(match[1]);
  }
  return specifiers;
}

/** The file a relative specifier names, among `files` (a Set of normalised paths). */
function resolve(from, specifier, files) {
  const base = path.posix.join(path.posix.dirname(from), specifier);
  const candidates = [
    base,
    ...EXTENSIONS.map((ext) => base + ext),
    ...EXTENSIONS.map((ext) => `${base}/index${ext}`),
  ];
  return candidates.find((candidate) => files.has(candidate));
}

/** Every loop of the graph `{ file: source }`, as lists of files (Tarjan's components). */
export function findCycles(sources) {
  const files = new Set(Object.keys(sources));
  const edges = new Map();
  for (const [file, source] of Object.entries(sources)) {
    const targets = runtimeImports(source)
      .map((specifier) => resolve(file, specifier, files))
      .filter(Boolean);
    edges.set(file, targets);
  }
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const cycles = [];
  let next = 0;
  const visit = (file) => {
    index.set(file, next);
    low.set(file, next);
    next++;
    stack.push(file);
    onStack.add(file);
    for (const target of edges.get(file)) {
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file), low.get(target)));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file), index.get(target)));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const component = [];
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    const selfLoop = edges.get(file).includes(file);
    if (component.length > 1 || selfLoop) cycles.push(component.sort());
  };
  for (const file of files) if (!index.has(file)) visit(file);
  return cycles;
}

/** The check checks itself: a known loop must be found, a type-only one must not. */
export function selfTest() {
  const cycles = findCycles({
    'a/one.ts': "import { two } from './two';\nexport const one = 1;",
    'a/two.ts': "import { three } from '../b';\nexport const two = 2;",
    'b/index.ts': "export { one as three } from '../a/one';",
    'c/types.ts': "import type { T } from './other';\nexport type U = T;",
    'c/other.ts': "export function f() {}\nimport type { U } from './types';\nexport type T = U;",
    'd/lazy.ts': "export const load = () => import('./back');",
    'd/back.ts': "import { load } from './lazy';\nexport const back = load;",
  });
  const found = JSON.stringify(cycles);
  const expected = JSON.stringify([['a/one.ts', 'a/two.ts', 'b/index.ts']]);
  if (found !== expected) throw new Error(`check-cycles self-test: got ${found}`);
}

function sourcesUnder(root) {
  const sources = {};
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const full = path.posix.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (EXTENSIONS.includes(path.extname(name))) {
        sources[full] = readFileSync(full, 'utf8');
      }
    }
  };
  walk(root);
  return sources;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  selfTest();
  process.chdir(path.join(path.dirname(fileURLToPath(import.meta.url)), '..'));
  const sources = Object.assign({}, ...ROOTS.map(sourcesUnder));
  const cycles = findCycles(sources);
  for (const cycle of cycles) console.error(`import cycle: ${cycle.join(' → ')}`);
  if (cycles.length) process.exit(1);
  console.log(`check-cycles: ${Object.keys(sources).length} modules, no import cycle`);
}

/**
 * ESLint rule `local/no-import-cycle`: a module must not reach itself through its static
 * imports (types included: a cycle of types is a cycle of layers). Lazy `import()` is not an
 * edge, since that is how the app loads features on demand.
 *
 * The lint boundaries keep features from importing each other; this catches what they cannot:
 * two shared slices, or two files of one folder, that lean on each other. It reads the files
 * itself (relative specifiers only, resolved like the bundler: `.ts`, `.tsx`, `index.ts(x)`), so
 * it needs no plugin; option `roots` lists the folders whose graph it follows.
 */
import fs from 'node:fs';
import path from 'node:path';

const STATIC_IMPORT =
  /^\s*(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"](\.[^'"]+)['"]/gm;
const SUFFIXES = ['', '.ts', '.tsx', '/index.ts', '/index.tsx'];

/** @type {Map<string, { mtime: number; deps: string[] }>} */
const graph = new Map();

function resolve(from, specifier) {
  const base = path.resolve(path.dirname(from), specifier);
  for (const suffix of SUFFIXES) {
    const file = base + suffix;
    if (fs.statSync(file, { throwIfNoEntry: false })?.isFile()) return file;
  }
  return undefined;
}

function depsOf(file) {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat) return [];
  const known = graph.get(file);
  if (known && known.mtime === stat.mtimeMs) return known.deps;
  const text = fs.readFileSync(file, 'utf8');
  const deps = [];
  for (const match of text.matchAll(STATIC_IMPORT)) {
    const target = resolve(file, match[1]);
    if (target) deps.push(target);
  }
  graph.set(file, { mtime: stat.mtimeMs, deps });
  return deps;
}

/** The shortest import path from `start` back to itself within `roots`, or undefined. */
function cycleThrough(start, inRoots) {
  const cameFrom = new Map([[start, undefined]]);
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.shift();
    for (const dep of depsOf(file)) {
      if (!inRoots(dep)) continue;
      if (dep === start) {
        const chain = [start];
        for (let at = file; at !== start; at = cameFrom.get(at)) chain.splice(1, 0, at);
        return [...chain, start];
      }
      if (cameFrom.has(dep)) continue;
      cameFrom.set(dep, file);
      queue.push(dep);
    }
  }
  return undefined;
}

export const noImportCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'A module must not import itself through other modules.' },
    schema: [
      {
        type: 'object',
        properties: { roots: { type: 'array', items: { type: 'string' } } },
        additionalProperties: false,
      },
    ],
    messages: { cycle: 'Import cycle: {{chain}}.' },
  },
  create(context) {
    const cwd = context.cwd;
    const roots = (context.options[0]?.roots ?? ['src']).map(
      (r) => path.resolve(cwd, r) + path.sep,
    );
    const inRoots = (file) => roots.some((root) => file.startsWith(root));
    const file = context.filename;
    if (!inRoots(file)) return {};
    return {
      Program(node) {
        const chain = cycleThrough(file, inRoots);
        if (!chain) return;
        const names = chain.map((f) => path.relative(cwd, f)).join(' → ');
        context.report({ node, messageId: 'cycle', data: { chain: names } });
      },
    };
  },
};

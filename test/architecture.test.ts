/**
 * The layout keeps its promises: no import cycle in src/ (type-only imports and re-exports
 * count; a lazy import() does not, it is how a chunk is split off).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SRC = resolve(__dirname, '../src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return files(p);
    return /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) ? [p] : [];
  });
}

const STATIC_IMPORT = /^\s*(?:import|export)\s[^;]*?from\s*['"](\.{1,2}\/[^'"]+)['"]/gm;

function resolveImport(from: string, spec: string): string | null {
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')])
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  return null;
}

/** Every file's static imports within src/. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const f of files(SRC)) {
    const text = readFileSync(f, 'utf8');
    const targets = [...text.matchAll(STATIC_IMPORT)]
      .map((m) => resolveImport(f, m[1]))
      .filter((t): t is string => t !== null);
    graph.set(f, [...new Set(targets)]);
  }
  return graph;
}

/** The strongly connected components with more than one file (or a file importing itself). */
function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const stack: string[] = [];
  const on = new Set<string>();
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const found: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(scc.map((s) => relative(SRC, s)).sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return found;
}

test('no import cycle in src/', () => {
  const graph = importGraph();
  expect(graph.size).toBeGreaterThan(50);
  expect(cycles(graph)).toEqual([]);
});

test('the cycle finder finds a cycle when there is one', () => {
  const g = new Map([
    ['a', ['b']],
    ['b', ['c']],
    ['c', ['a']],
    ['d', ['a']],
  ]);
  expect(cycles(g)).toEqual([[relative(SRC, 'a'), relative(SRC, 'b'), relative(SRC, 'c')].sort()]);
});

test('the core shows its parts as folders along the data flow', () => {
  const entries = readdirSync(join(SRC, 'core'), { withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => e.name);
  const folders = entries.filter((e) => e.isDirectory()).map((e) => e.name);
  expect(files.length).toBeLessThanOrEqual(8);
  expect(folders).toEqual(expect.arrayContaining(['model', 'amounts', 'text', 'read', 'rules', 'tables', 'build']));
});

test('the core reads no clock: builders get today passed in', () => {
  const core = files(join(SRC, 'core'));
  expect(core.length).toBeGreaterThan(30);
  const offenders = core.filter((f) => /new Date\(\)|Date\.now\(\)/.test(readFileSync(f, 'utf8')));
  expect(offenders.map((f) => relative(SRC, f))).toEqual([]);
});

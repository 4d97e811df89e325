/**
 * Module boundaries, checked in `npm run lint`:
 * - no import cycle between files, and none between modules (the first folder under src/), tests aside;
 * - errors and other shared pieces (src/shared) import no module;
 * - no module imports the HTTP server (src/http), which assembles them.
 * Type-only imports count: a type is a dependency too.
 */
import { cruise, type ICruiseResult, type IFlattenedRuleSet } from 'dependency-cruiser';

const RULES: IFlattenedRuleSet = {
  forbidden: [
    { name: 'no-file-cycle', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'shared-is-a-leaf',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { path: '^src/', pathNot: '^src/shared/' },
    },
    {
      name: 'modules-do-not-import-the-server',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/http/', '^src/main\\.ts$'] },
      to: { path: '^src/http/' },
    },
  ],
};

const moduleOf = (file: string) => file.split('/')[1]?.replace(/\.ts$/, '') ?? file;

/** Strongly connected groups of more than one module (Tarjan), i.e. module cycles. */
function moduleCycles(edges: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let counter = 0;
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(next) ?? 0));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node) ?? 0, index.get(next) ?? 0));
    }
    if (low.get(node) === index.get(node)) {
      const group: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop();
        if (member === undefined) break;
        onStack.delete(member);
        group.push(member);
      } while (member !== node);
      if (group.length > 1) cycles.push(group.sort());
    }
  };
  for (const node of edges.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

const { output } = await cruise(['src'], {
  validate: true,
  ruleSet: RULES,
  doNotFollow: { path: 'node_modules' },
  tsPreCompilationDeps: true,
});
const result = output as ICruiseResult;
const problems: string[] = result.summary.violations.map(
  (v) =>
    `${v.rule.name}: ${v.from} → ${v.to}${v.cycle ? ` (${v.cycle.map((c) => c.name).join(' → ')})` : ''}`,
);

const edges = new Map<string, Set<string>>();
const witnesses = new Map<string, string>();
for (const module of result.modules) {
  if (!module.source.startsWith('src/') || module.source.endsWith('.test.ts')) continue;
  const from = moduleOf(module.source);
  for (const dependency of module.dependencies) {
    if (!dependency.resolved.startsWith('src/')) continue;
    const to = moduleOf(dependency.resolved);
    if (to === from) continue;
    if (!edges.has(from)) edges.set(from, new Set());
    edges.get(from)?.add(to);
    witnesses.set(`${from}→${to}`, `${module.source} → ${dependency.resolved}`);
  }
}
for (const cycle of moduleCycles(edges)) {
  const inside = [...witnesses].filter(([edge]) => {
    const [a, b] = edge.split('→');
    return cycle.includes(a ?? '') && cycle.includes(b ?? '');
  });
  problems.push(`module cycle between ${cycle.join(', ')}: ${inside.map(([, w]) => w).join('; ')}`);
}

if (problems.length > 0) {
  process.stderr.write(`Module boundaries broken:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
  process.exit(1);
}
process.stdout.write(
  `Module boundaries: ${result.summary.totalCruised} files, ${edges.size} modules, no cycle, no forbidden import.\n`,
);

/**
 * `npm run bench`: the speed targets, printed as ratios (and the absolute figures behind them).
 * Targets live here, not in timed tests: a loaded CI machine must not fail the build on timing.
 * Prints every result and exits 0; "MISS" marks a missed goal. Exits 1 only when a benchmark cannot run.
 *
 * `--quick` (CI): small sizes and few repetitions — it proves every benchmark still runs to its end,
 * and its timings mean nothing; CI never fails on a timing.
 */
import { benchDiagram } from './diagram';
import { benchImport } from './import';
import { benchRender } from './render';
import { benchValidate } from './validate';
import { benchPlan } from './plan';
import { benchSession } from './session';
import { formatResult, type BenchResult } from './stats';

const BENCHMARKS = ['import', 'validate', 'plan', 'render', 'diagram', 'session'];

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const only = args.filter((a) => a !== '--quick');
  const unknown = only.filter((a) => !BENCHMARKS.includes(a));
  if (unknown.length > 0) throw new Error(`unknown benchmark ${unknown.join(', ')} (choose from ${BENCHMARKS.join(', ')}, or --quick)`);
  const want = (name: string) => only.length === 0 || only.includes(name);
  const results: BenchResult[] = [];
  if (want('import')) results.push(quick ? benchImport(200, 3) : benchImport());
  if (want('validate')) results.push(quick ? benchValidate(200, 5) : benchValidate());
  if (want('plan')) results.push(quick ? benchPlan(3) : benchPlan());
  if (want('render')) results.push(...(await (quick ? benchRender(250, 1) : benchRender())));
  if (want('diagram')) results.push(...(await (quick ? benchDiagram(200, 1) : benchDiagram())));
  if (want('session')) results.push(...(await (quick ? benchSession(3, 5, 2) : benchSession())));
  console.log(`PoolPilot benchmarks (${new Date().toISOString()}, node ${process.version}${quick ? ', --quick: timings not meaningful' : ''})`);
  for (const r of results) console.log(formatResult(r));
}

main().catch((err) => {
  console.error(`bench failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

/**
 * `npm run bench`: the speed targets, printed as ratios (and the absolute figures behind them).
 * Targets live here, not in timed tests: a loaded CI machine must not fail the build on timing.
 * Prints every result and exits 0; "MISS" marks a missed goal.
 */
import { benchImport } from './import';
import { benchRender } from './render';
import { benchValidate } from './validate';
import { benchPlan } from './plan';
import { benchSession } from './session';
import { formatResult, type BenchResult } from './stats';

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const want = (name: string) => only.length === 0 || only.includes(name);
  const results: BenchResult[] = [];
  if (want('import')) results.push(benchImport());
  if (want('validate')) results.push(benchValidate());
  if (want('plan')) results.push(benchPlan());
  if (want('render')) results.push(...(await benchRender()));
  if (want('session')) results.push(...(await benchSession()));
  console.log(`PoolPilot benchmarks (${new Date().toISOString()}, node ${process.version})`);
  for (const r of results) console.log(formatResult(r));
}

main().catch((err) => {
  console.error(`bench failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

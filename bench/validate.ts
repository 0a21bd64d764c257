/**
 * Full re-validation after one change on `synth --pools 2000`: what the what-if panel pays on every
 * edit (a new scenario object each time, as the UI makes one per edit). Goal: median ≤ 5 ms.
 */
import { emptyState } from '../src/shared/model/state';
import type { Deployment } from '../src/shared/model/types';
import { validate } from '../src/shared/rules/validate';
import { emptyScenario, setDown } from '../src/shared/scenario/edit';
import type { Scenario } from '../src/shared/scenario/types';
import { importTopology } from '../src/shared/topology/import';
import { synthTopologyXml } from '../src/shared/topology/synth';
import { median, type BenchResult } from './stats';

export function benchValidate(pools = 2000, runs = 41): BenchResult {
  const { topology } = importTopology(synthTopologyXml(pools), { fileName: 'synth.xml' });
  const d: Deployment = { topology, state: emptyState(), source: { kind: 'synthetic', name: 'synth' } };
  const frontEnd = topology.pools.find((p) => p.kind === 'FrontEnd')!.fqdn;
  let s: Scenario = setDown(emptyScenario(), { kind: 'pool', fqdn: frontEnd }, true);
  validate(d, s); // the first validation of a topology builds its indexes
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    s = { ...s, changes: [{ kind: 'failoverPool', pool: frontEnd }], applied: 1 };
    const t0 = performance.now();
    validate(d, s);
    times.push(performance.now() - t0);
  }
  const ms = median(times);
  return {
    name: `re-validation after one change, ${pools} pools`,
    detail: `median ${ms.toFixed(2)} ms over ${runs} edits`,
    goal: 'median ≤ 5 ms',
    met: ms <= 5,
  };
}

/**
 * Planning a site failover on `synth --pools 2000`, again and again as the admin edits the scenario.
 * The tables behind it are built once per deployment, so the first run is not counted. Goal: median ≤ 20 ms.
 */
import { emptyState } from '../src/shared/model/state';
import type { Deployment } from '../src/shared/model/types';
import { buildPlan } from '../src/shared/plan/planner';
import type { Scenario } from '../src/shared/scenario/types';
import { importTopology } from '../src/shared/topology/import';
import { synthTopologyXml } from '../src/shared/topology/synth';
import { median, timeRuns, type BenchResult } from './stats';

/** The synthetic deployment with a pair, SIP and XMPP routes known, and Site1 lost. */
export function siteFailoverOnSynth(pools = 2000): { d: Deployment; scenario: Scenario } {
  const { topology } = importTopology(synthTopologyXml(pools));
  const pair = { 'pool-s1-1.contoso.com': 'pool-s40-1.contoso.com', 'pool-s40-1.contoso.com': 'pool-s1-1.contoso.com' };
  const d: Deployment = {
    topology,
    state: { ...emptyState(), backupPools: pair, sipFederationRoutes: ['edgepool-s1.contoso.com'], xmppRoutes: { Site1: 'edge-s1-1.contoso.com' } },
    source: { kind: 'synthetic', name: `synth ${pools}` },
  };
  const scenario: Scenario = {
    down: [{ kind: 'site', siteId: 'Site1' }],
    changes: [
      { kind: 'failoverPool', pool: 'pool-s1-1.contoso.com' },
      { kind: 'moveSipFederation', edgePool: 'edgepool-s40.contoso.com' },
      { kind: 'moveXmppRoute', siteId: 'Site1', edgeServer: 'edge-s40-1.contoso.com' },
    ],
    applied: 3,
  };
  return { d, scenario };
}

export function benchPlan(runs = 21): BenchResult {
  const { d, scenario } = siteFailoverOnSynth();
  const ms = median(timeRuns(() => buildPlan(d, scenario, { now: 0 }), runs, 1));
  return {
    name: 'planning a site failover, 2000 pools',
    detail: `median ${ms.toFixed(2)} ms over ${runs} runs`,
    goal: 'median ≤ 20 ms',
    met: ms <= 20,
  };
}

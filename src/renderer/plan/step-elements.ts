/**
 * The graph elements a plan step touches, for the highlight when the admin selects it: the pools
 * and sites named where it runs and in its command's parameters, or for a manual step in its title
 * and checklist (a server stands for its pool, a SQL instance for its SQL pool, a service identity
 * `EdgeServer:<pool>` for the pool); only names the topology has count. A step that names nothing
 * (a read-only cmdlet run anywhere) shows what its procedure is about: the pools of its change,
 * else everything the section's other steps touch. The graph adds the edges between highlighted
 * nodes itself.
 */
import type { Deployment } from '../../shared/model/types';
import { siteNodeId } from '../../shared/model/graph-ids';
import type { PsCommand } from '../../shared/powershell/commands';
import type { PlanSection, RunOn, Step } from '../../shared/plan/types';
import type { ScenarioChange } from '../../shared/scenario/types';

/** Lower-cased name (pool, server, SQL instance, site id or name) → graph node id. */
type NodeIndex = ReadonlyMap<string, string>;

const indexes = new WeakMap<Deployment, NodeIndex>();

function nodeIndex(d: Deployment): NodeIndex {
  const cached = indexes.get(d);
  if (cached) return cached;
  const index = new Map<string, string>();
  for (const site of d.topology.sites) {
    index.set(site.name.toLowerCase(), siteNodeId(site.id));
    index.set(site.id.toLowerCase(), siteNodeId(site.id));
  }
  for (const pool of d.topology.pools) for (const machine of pool.machines) index.set(machine.toLowerCase(), pool.fqdn);
  for (const sql of d.topology.sqlInstances) index.set(sql.id.toLowerCase(), sql.poolFqdn);
  // Pools last: a pool's own name wins over a server or site that happens to share it.
  for (const pool of d.topology.pools) index.set(pool.fqdn.toLowerCase(), pool.fqdn);
  indexes.set(d, index);
  return index;
}

/** `EdgeServer:edgepool1.contoso.com` → `edgepool1.contoso.com`; other values as they are. */
function withoutServiceRole(value: string): string {
  return value.replace(/^[A-Za-z]+:(?=[^\\]*\.)/, '');
}

function runOnNames(r: RunOn | undefined): string[] {
  switch (r?.on) {
    case undefined:
    case 'any':
      return [];
    case 'frontEnd':
      return [r.pool];
    case 'frontEndServer':
    case 'edgeServer':
      return [r.pool, r.server];
    case 'sqlInstance':
      return [r.instance, r.server];
  }
}

function commandNames(c: PsCommand | undefined): string[] {
  if (!c) return [];
  return c.parameters.flatMap((p) =>
    p.argument.kind === 'literal' ? [withoutServiceRole(p.argument.value)] : p.argument.kind === 'list' ? p.argument.values.map(withoutServiceRole) : [],
  );
}

/** Host-like words in prose: the names a manual step's title and checklist mention. */
function mentionedNames(texts: readonly string[]): string[] {
  return texts.flatMap((t) => t.match(/[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g) ?? []);
}

/**
 * What the step itself names: where it runs and its command's parameters (a decision's branches
 * are steps of their own); for work outside PowerShell, the names its title and checklist mention.
 */
function ownNames(step: Step): string[] {
  switch (step.kind) {
    case 'command':
    case 'check':
    case 'decision':
      return [...runOnNames(step.runOn), ...commandNames(step.command)];
    case 'manual':
      return [...runOnNames(step.runOn), ...mentionedNames([step.title, ...step.checklist])];
    case 'wait':
      return step.until ? [...runOnNames(step.until.runOn), ...commandNames(step.until.command)] : [];
  }
}

function changeNames(change: ScenarioChange): string[] {
  switch (change.kind) {
    case 'failoverPool':
    case 'failbackPool':
    case 'failoverPersistentChat':
    case 'failbackPersistentChat':
      return [change.pool];
    case 'changeMediaEdge':
      return [change.pool, change.edgePool];
    case 'reassignNextHop':
      return [change.edgePool, change.nextHop];
    case 'moveSipFederation':
      return [change.edgePool];
    case 'moveXmppRoute':
      return [change.siteId, change.edgeServer];
    case 'failoverCms':
      return [];
  }
}

function resolve(index: NodeIndex, names: readonly string[]): string[] {
  const ids = new Set<string>();
  for (const name of names) {
    const id = index.get(name.toLowerCase());
    if (id !== undefined) ids.add(id);
  }
  return [...ids];
}

function allSteps(steps: readonly Step[]): Step[] {
  return steps.flatMap((s) => (s.kind === 'decision' ? [s, ...allSteps(s.branches.flatMap((b) => b.steps))] : [s]));
}

/** Graph node ids the step touches, in the order they are named. */
export function stepElements(d: Deployment, section: PlanSection, step: Step): string[] {
  const index = nodeIndex(d);
  const own = resolve(index, ownNames(step));
  if (own.length > 0) return own;
  const change = resolve(index, changeNames(section.change));
  if (change.length > 0) return change;
  return resolve(index, allSteps(section.steps).flatMap(ownNames));
}

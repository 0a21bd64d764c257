/**
 * Edge next hops (P0, P1 steps 0 and 7). An Edge pool forwards everything from outside — remote
 * users, federation, XMPP — to its next hop, a Front End or Director pool; Invoke-CsPoolFailover
 * refuses to fail over a pool that a running Edge pool names, and an Edge pool whose next hop is
 * gone cuts external access.
 */
import type { Deployment, Pool } from '../model/types';
import { siteNodeId } from '../model/graph-ids';
import { activeChanges } from '../scenario/edit';
import type { Scenario, ScenarioChange } from '../scenario/types';
import { ScenarioView } from '../scenario/view';
import type { RuleContext } from './context';
import { describeNextHopAction, nextHopAction } from './next-hop-command';
import type { QuickFix } from './types';

/** The error Invoke-CsPoolFailover prints (failover-procedures.md, P1 step 7), for `pool`. */
export function nextHopFailoverError(pool: string): string {
  return (
    `Invoke-CsPoolFailOver : This Front-end pool "${pool}" is specified in topology as the next hop for the Edge server. ` +
    'Failing over this pool may cause External access/Federation/Split-domain/XMPP features to stop working. ' +
    'Please use Topology Builder to change the Edge internal next hop setting to point to a different Front-end pool, before you proceed.'
  );
}

/** Why `target` cannot be `edge`'s next hop after change `index` (-1: at the end), or undefined. */
function targetProblem(ctx: RuleContext, target: string, index: number): string | undefined {
  const problem = ctx.view.registrarProblem(target);
  if (problem) return problem;
  const later = index < 0 ? undefined : ctx.failedOverAfter(target, index);
  return later === undefined ? undefined : `${target} is failed over later in this scenario (change ${later + 1})`;
}

/**
 * Registrars that can be `edge`'s next hop: its own site's first (a Topology Builder change), then
 * others (Set-CsEdgeServer) unless `sameSiteOnly`. At most `limit`.
 */
function candidates(
  ctx: RuleContext,
  edge: Pool,
  index: number,
  exclude: ReadonlySet<string>,
  limit: number,
  sameSiteOnly: boolean,
): string[] {
  const out: string[] = [];
  const consider = (pool: Pool) => {
    if (out.length < limit && !exclude.has(pool.fqdn) && !out.includes(pool.fqdn) && !targetProblem(ctx, pool.fqdn, index)) out.push(pool.fqdn);
  };
  for (const pool of ctx.view.registrarsBySite.get(edge.siteId) ?? []) consider(pool);
  if (!sameSiteOnly) for (const pool of ctx.view.registrars) if (out.length < limit) consider(pool);
  return out;
}

function reassignFix(ctx: RuleContext, edge: string, target: string, at: number, replace = false): QuickFix {
  const sameSite = ctx.view.siteOf(edge) === ctx.view.siteOf(target);
  const how = sameSite ? 'Topology Builder' : 'Set-CsEdgeServer';
  const change: ScenarioChange = { kind: 'reassignNextHop', edgePool: edge, nextHop: target };
  return { label: `Make ${target} the next hop of ${edge} (${how})`, change, at, ...(replace ? { replace } : {}) };
}

/** Rule 1, before `failoverPool` at `index`: running Edge pools that name the pool as next hop. */
export function checkFailoverNextHop(ctx: RuleContext, pool: string, index: number): void {
  const { view } = ctx;
  for (const [edgeFqdn, hop] of view.nextHop) {
    if (hop !== pool || view.poolDown(edgeFqdn)) continue;
    const edge = view.pools.get(edgeFqdn)!;
    const exclude = new Set([pool]);
    // Same site first, else the pool's backup pool: where the users go, the next hop can go.
    let targets = candidates(ctx, edge, index, exclude, 3, true);
    const backup = view.backupPools.get(pool);
    if (targets.length === 0 && backup !== undefined && view.pools.has(backup) && !targetProblem(ctx, backup, index)) targets = [backup];
    ctx.markReported('next-hop', edgeFqdn);
    ctx.add({
      rule: 'failover-edge-next-hop',
      severity: 'blocker',
      message:
        `P1 step 7: Invoke-CsPoolFailover -PoolFQDN ${pool} would stop with: "${nextHopFailoverError(pool)}" ` +
        `Edge pool ${edgeFqdn} is running and uses ${pool} as its next hop: reassign it before the failover (P0; P1 step 0).` +
        (targets.length === 0 ? ` No running Front End or Director pool in site ${edge.siteId} or backup pool is available to take over.` : ''),
      elements: [edgeFqdn, pool],
      fixes: targets.map((t) => reassignFix(ctx, edgeFqdn, t, index)),
      change: index,
    });
  }
}

/** Rule 6, before `reassignNextHop` at `index`. */
export function checkReassignNextHop(ctx: RuleContext, change: Extract<ScenarioChange, { kind: 'reassignNextHop' }>, index: number): void {
  const { view } = ctx;
  const { edgePool, nextHop } = change;
  const edge = view.pools.get(edgePool)!;
  if (view.nextHop.get(edgePool) === nextHop) {
    ctx.add({
      rule: 'edge-next-hop',
      severity: 'info',
      message: `P0: ${nextHop} is already the next hop of Edge pool ${edgePool}; this change does nothing.`,
      elements: [edgePool, nextHop],
      fixes: [],
      change: index,
    });
    return;
  }
  const problem = targetProblem(ctx, nextHop, index);
  if (problem) {
    const current = view.nextHop.get(edgePool);
    const alternatives = candidates(ctx, edge, index, new Set(current === undefined ? [nextHop] : [nextHop, current]), 3, false);
    ctx.add({
      rule: 'edge-next-hop',
      severity: 'blocker',
      message: `P0: ${nextHop} cannot be the next hop of Edge pool ${edgePool}: ${problem}. A next hop must be a Front End or Director pool that is running and not being failed over.`,
      elements: [edgePool, nextHop],
      fixes: alternatives.map((t) => reassignFix(ctx, edgePool, t, index, true)),
      change: index,
    });
    return;
  }
  const action = nextHopAction(edgePool, nextHop, edge.siteId === view.siteOf(nextHop));
  ctx.add({
    rule: 'edge-next-hop',
    severity: 'info',
    message: `P0: ${nextHop} is ${describeNextHopAction(action)}`,
    elements: [edgePool, nextHop],
    fixes: [],
    change: index,
  });
}

/** Rules 6 and 11 at the end: every running Edge pool needs a running next hop. */
export function checkEdgeNextHops(ctx: RuleContext): void {
  const { view } = ctx;
  let anyRegistrar: boolean | undefined;
  for (const edge of view.edgePools) {
    if (view.poolDown(edge.fqdn) || ctx.wasReported('next-hop', edge.fqdn)) continue;
    const hop = view.nextHop.get(edge.fqdn);
    const problem = hop === undefined ? `the topology names no next hop for it` : targetProblem(ctx, hop, -1);
    if (!problem) continue;
    anyRegistrar ??= view.registrars.some((p) => !view.registrarProblem(p.fqdn));
    const elements = hop === undefined ? [edge.fqdn] : [edge.fqdn, hop];
    if (!anyRegistrar) {
      ctx.add({
        rule: 'edge-without-registrar',
        severity: 'blocker',
        message: `Edge pool ${edge.fqdn} has no registrar left to be its next hop (${problem}; no other Front End or Director pool is running): external access, federation and XMPP through it stop until one is restored (P0).`,
        elements: [...elements, siteNodeId(edge.siteId)],
        fixes: [],
      });
      continue;
    }
    const exclude = new Set(hop === undefined ? [] : [hop]);
    ctx.add({
      rule: 'edge-next-hop',
      severity: 'warning',
      message: `Edge pool ${edge.fqdn} is running but its next hop cannot serve (${problem}): remote access, federation and XMPP through it stop. Reassign its next hop (P0).`,
      elements,
      fixes: candidates(ctx, edge, -1, exclude, 3, false).map((t) => reassignFix(ctx, edge.fqdn, t, ctx.end)),
    });
  }
}

export interface NextHopTarget {
  pool: string;
  valid: boolean;
  /** Why it cannot be the next hop (shown on hover while dragging), when it cannot. */
  reason?: string;
  /** In the Edge pool's site: a Topology Builder change; otherwise Set-CsEdgeServer. */
  sameSite: boolean;
}

/**
 * Every pool as a next hop for `edgePool` after the scenario's changes: valid drop targets first
 * (same site first), each invalid one with its reason. Throws when `edgePool` is not an Edge pool.
 */
export function nextHopTargets(d: Deployment, scenario: Scenario, edgePool: string): NextHopTarget[] {
  const view = new ScenarioView(d, scenario.down);
  const changes = activeChanges(scenario);
  for (const change of changes) view.apply(change);
  const edge = view.pools.get(edgePool);
  if (!edge || edge.kind !== 'Edge') throw new Error(`${edgePool} is not an Edge pool in this topology`);
  // Pools this scenario fails over (and does not fail back) are "being failed over".
  const failingOver = new Map<string, number>();
  changes.forEach((c, i) => {
    if (c.kind === 'failoverPool') failingOver.set(c.pool, i);
    if (c.kind === 'failbackPool') failingOver.delete(c.pool);
  });
  const current = view.nextHop.get(edgePool);
  const targets: NextHopTarget[] = [];
  for (const pool of d.topology.pools) {
    if (pool.fqdn === edgePool) continue;
    const sameSite = pool.siteId === edge.siteId;
    let reason = view.registrarProblem(pool.fqdn);
    const change = failingOver.get(pool.fqdn);
    if (reason && change !== undefined && view.failedOver.has(pool.fqdn)) reason = `this scenario fails ${pool.fqdn} over (change ${change + 1})`;
    if (!reason && pool.fqdn === current) reason = `${pool.fqdn} is already its next hop`;
    targets.push(reason ? { pool: pool.fqdn, valid: false, reason, sameSite } : { pool: pool.fqdn, valid: true, sameSite });
  }
  const rank = (t: NextHopTarget) => (t.valid ? 0 : 2) + (t.sameSite ? 0 : 1);
  return targets.sort((a, b) => rank(a) - rank(b));
}

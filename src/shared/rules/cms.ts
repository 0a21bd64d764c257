/**
 * The Central Management Store (P1 steps 1–6). It must work while users fail over, so a plan that
 * fails over the pool the CMS is active on, or runs while the CMS is unavailable, must fail the CMS
 * over first — to the CMS pool's backup pool, which must be running.
 */
import type { RuleContext } from './context';

const LOCATE = 'Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus';

/** P1 step 5 for a CMS pool running Lync Server 2013 or later, step 6 for older (Lync Server 2010). */
function cmsStep(version: string | undefined): string {
  return version === 'Lync2010' ? 'P1 step 6' : 'P1 step 5';
}

/**
 * Why the CMS cannot fail over from where it is active, or undefined when it can. Pushes nothing;
 * callers phrase it for their finding.
 */
function cmsFailoverProblem(ctx: RuleContext): { problem: string; elements: string[] } | undefined {
  const { view } = ctx;
  const cms = view.cmsPool;
  if (cms === undefined) return { problem: `where the CMS is active is not known (find it with ${LOCATE}, P1 steps 1–3)`, elements: [] };
  const backup = view.backupPools.get(cms);
  if (backup === undefined)
    return { problem: `the CMS pool ${cms} has no backup pool known to take it (Get-CsPoolBackupRelationship -PoolFQDN ${cms}, P1 step 2)`, elements: [cms] };
  const backupDown = view.registrarProblem(backup);
  if (!backupDown) return undefined;
  const cmsDown = view.cmsUnavailable();
  return {
    problem: cmsDown ? `the CMS pool and its backup pool are both down (${cmsDown}; ${backupDown})` : `its backup pool cannot take it: ${backupDown}`,
    elements: [cms, backup],
  };
}

/** Rule 3, before `failoverPool` at `index`: the CMS must move first, and be able to. */
export function checkCmsBeforeFailover(ctx: RuleContext, pool: string, index: number): void {
  const { view } = ctx;
  const cms = view.cmsPool;
  if (cms === undefined) {
    ctx.markReported('cms', 'unknown');
    ctx.add({
      rule: 'cms-failover',
      severity: 'warning',
      message: `P1 steps 1–4: where the Central Management Store is active is not known, so whether it must fail over before ${pool} cannot be checked. Find it with ${LOCATE}.`,
      elements: [pool],
      fixes: [],
      change: index,
    });
    return;
  }
  const unavailable = view.cmsUnavailable();
  if (cms !== pool && !unavailable) return;
  ctx.markReported('cms', cms);
  const why = cms === pool ? `it is active on ${pool}, the pool being failed over` : `it is unavailable: ${unavailable}`;
  const blocked = cmsFailoverProblem(ctx);
  if (blocked) {
    ctx.add({
      rule: 'cms-failover',
      severity: 'blocker',
      message: `P1 step 4: the Central Management Store must fail over before ${pool} (${why}), but it cannot: ${blocked.problem}.`,
      elements: [...new Set([pool, cms, ...blocked.elements])],
      fixes: [],
      change: index,
    });
    return;
  }
  const backup = view.backupPools.get(cms)!;
  ctx.add({
    rule: 'cms-failover',
    severity: 'warning',
    message: `P1 step 4: the Central Management Store must fail over to ${backup} before ${pool} fails over: ${why} (${cmsStep(view.pools.get(cms)?.version)}).`,
    elements: [...new Set([pool, cms, backup])],
    fixes: [{ label: `Fail over the CMS to ${backup} first`, change: { kind: 'failoverCms' }, at: index }],
    change: index,
  });
}

/** Rule 3, before `failoverCms` at `index`. */
export function checkCmsFailover(ctx: RuleContext, index: number): void {
  const { view } = ctx;
  const blocked = cmsFailoverProblem(ctx);
  if (blocked) {
    if (view.cmsPool !== undefined) ctx.markReported('cms', view.cmsPool);
    ctx.add({
      rule: 'cms-failover',
      severity: 'blocker',
      message: `P1 step 4: the Central Management Store cannot fail over: ${blocked.problem}.`,
      elements: blocked.elements,
      fixes: [],
      change: index,
    });
    return;
  }
  const cms = view.cmsPool!;
  const backup = view.backupPools.get(cms)!;
  if (!view.cmsService.has(backup)) {
    ctx.add({
      rule: 'cms-failover',
      severity: 'info',
      message: `The topology has no Central Management Server on ${backup}: P1 step 6 installs it there (Install-CsDatabase -CentralManagementDatabase, Move-CsManagementServer, Bootstrapper /Setup).`,
      elements: [cms, backup],
      fixes: [],
      change: index,
    });
  }
}

/** Rule 3 at the end: a CMS left unavailable (not already reported about a change). */
export function checkCmsAtEnd(ctx: RuleContext): void {
  const { view } = ctx;
  const cms = view.cmsPool;
  if (cms === undefined) {
    if (view.frontEnds.length === 0 || ctx.wasReported('cms', 'unknown')) return;
    ctx.add({
      rule: 'cms-failover',
      severity: 'info',
      message: `Where the Central Management Store is active is not known (the topology names no active CMS and none was reported): check it with ${LOCATE} before any failover.`,
      elements: [],
      fixes: [],
    });
    return;
  }
  const unavailable = view.cmsUnavailable();
  if (!unavailable || ctx.wasReported('cms', cms)) return;
  const blocked = cmsFailoverProblem(ctx);
  const backup = view.backupPools.get(cms);
  ctx.add({
    rule: 'cms-failover',
    severity: blocked ? 'blocker' : 'warning',
    message: blocked
      ? `The Central Management Store is unavailable (${unavailable}) and cannot fail over: ${blocked.problem}. No topology or configuration change can be made until it is restored.`
      : `The Central Management Store is unavailable (${unavailable}): fail it over to ${backup} (P1 step 4, ${cmsStep(view.pools.get(cms)?.version)}).`,
    elements: [...new Set([cms, ...(blocked?.elements ?? (backup ? [backup] : []))])],
    fixes: blocked ? [] : [{ label: `Fail over the CMS to ${backup}`, change: { kind: 'failoverCms' }, at: ctx.end }],
  });
}

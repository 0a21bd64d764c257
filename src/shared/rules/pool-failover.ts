/**
 * Failing a Front End pool over and back (P1 step 7, P2): the pair it fails over to, the order the
 * -PoolFQDN rule imposes, and what the Backup Service may not have copied yet.
 */
import type { RuleContext } from './context';

/**
 * How old the Backup Service's last synchronisation may be before a failover is warned about. The
 * service normally syncs every few minutes; a quarter of an hour behind means it is stuck.
 */
export const STALE_SYNC_MINUTES = 15;

/** Rules 2, 4, 5 and 14, before `failoverPool` at `index` (Invoke-CsPoolFailover -PoolFQDN <pool>). */
export function checkPoolFailover(ctx: RuleContext, pool: string, index: number): void {
  const { view } = ctx;
  const servedBy = view.failedOver.get(pool);
  if (servedBy !== undefined) {
    ctx.add({
      rule: 'pool-failover-state',
      severity: 'blocker',
      message: `${pool} is already failed over (its users are served by ${servedBy}): fail it back before failing it over again (P2).`,
      elements: [pool, servedBy],
      fixes: [],
      change: index,
    });
    return;
  }
  const backup = view.backupPools.get(pool);
  if (backup === undefined) {
    ctx.add({
      rule: 'failover-backup-pool',
      severity: 'blocker',
      message:
        `P1 step 7: Invoke-CsPoolFailover needs a backup pool, and none is known for ${pool}. ` +
        `A topology document does not record pairing: read it with Get-CsPoolBackupRelationship -PoolFQDN ${pool}, or enter it.`,
      elements: [pool],
      fixes: [],
      change: index,
    });
    return;
  }
  const backupPool = view.pools.get(backup);
  const home = view.pools.get(pool)!;
  let problem: string | undefined;
  if (!backupPool) problem = `its backup pool ${backup} is not in the topology`;
  else if (backupPool.kind !== 'FrontEnd') problem = `its backup pool ${backup} is not a Front End pool`;
  else if (backupPool.siteId === home.siteId)
    problem = `${pool} and its backup pool ${backup} are both in site ${home.siteId}: a pair must span two sites to survive a site's loss`;
  if (problem) {
    ctx.add({ rule: 'failover-backup-pool', severity: 'blocker', message: `P1: cannot fail ${pool} over: ${problem}.`, elements: [pool, backup], fixes: [], change: index });
    return;
  }

  // Rule 4: -PoolFQDN names the pool hit by the disaster, so a pool serving failed-over users is
  // not free to fail over to the pool those users came from.
  if (view.failedOver.get(backup) === pool) {
    ctx.add({
      rule: 'pool-fqdn-order',
      severity: 'blocker',
      message:
        `P2: ${backup}'s users are failed over to ${pool}, so failing ${pool} over to ${backup} now fails. ` +
        `The right order: 1. fail back ${backup} (Invoke-CsPoolFailback -PoolFQDN ${backup}); ` +
        `2. then fail over ${pool} (Invoke-CsPoolFailover -PoolFQDN ${pool}). -PoolFQDN always names the pool hit by the disaster.`,
      elements: [pool, backup],
      fixes: [{ label: `Fail back ${backup} first`, change: { kind: 'failbackPool', pool: backup }, at: index }],
      change: index,
    });
    return;
  }

  // Both down is rule 13's finding (the pair has nothing to fail over to); here only the partner.
  const backupProblem = view.registrarProblem(backup);
  if (backupProblem && !(view.notServing(pool) && view.notServing(backup))) {
    ctx.add({
      rule: 'failover-backup-pool',
      severity: 'blocker',
      message: `P1: ${pool}'s users would fail over to its backup pool ${backup}, which cannot take them: ${backupProblem}.`,
      elements: [pool, backup],
      fixes: [],
      change: index,
    });
  }
  checkBackupSync(ctx, pool, backup, index);
}

/** Rule 14: what the Backup Service may not have copied to the partner yet. */
function checkBackupSync(ctx: RuleContext, pool: string, backup: string, index: number): void {
  const sync = ctx.view.backupSync.get(pool) ?? ctx.view.backupSync.get(backup);
  const check = `Get-CsBackupServiceStatus -PoolFqdn ${pool}`;
  const add = (severity: 'warning' | 'info', message: string) =>
    ctx.add({ rule: 'backup-sync', severity, message, elements: [pool, backup], fixes: [], change: index });
  if (!sync || (sync.state === undefined && sync.lastSync === undefined)) {
    add('info', `The Backup Service's synchronisation between ${pool} and ${backup} is not known: data changed since the last synchronisation may be lost in a disaster failover. Check it with ${check}.`);
    return;
  }
  // FinalState (everything copied and imported by the partner) is as healthy as SteadyState (keeping up).
  if (sync.state !== undefined && !['steadystate', 'finalstate'].includes(sync.state.toLowerCase())) {
    add('warning', `The Backup Service between ${pool} and ${backup} is in state ${sync.state}, not SteadyState or FinalState: data changed since the last completed synchronisation may be lost (${check}).`);
    return;
  }
  if (sync.lastSync !== undefined) {
    const minutes = Math.floor((ctx.now - Date.parse(sync.lastSync)) / 60_000);
    if (minutes > STALE_SYNC_MINUTES) {
      add('warning', `The Backup Service last synchronised ${pool} and ${backup} at ${sync.lastSync}, ${age(minutes)} ago: data changed since then may be lost (${check}).`);
    }
  }
}

/** `180 minutes`, `5 hours`, `12 days`: as precise as the admin needs. */
function age(minutes: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (minutes < 120) return plural(minutes, 'minute');
  if (minutes < 48 * 60) return plural(Math.floor(minutes / 60), 'hour');
  return plural(Math.floor(minutes / (24 * 60)), 'day');
}

/** Rule 5, before `failbackPool` at `index` (Invoke-CsPoolFailback -PoolFQDN <pool>). */
export function checkPoolFailback(ctx: RuleContext, pool: string, index: number): void {
  const { view } = ctx;
  const servedBy = view.failedOver.get(pool);
  if (servedBy === undefined) {
    // The common slip: naming the pool that took the users rather than the one they came from.
    const home = [...view.failedOver].find(([, to]) => to === pool)?.[0];
    ctx.add({
      rule: 'pool-failover-state',
      severity: 'blocker',
      message:
        `P2: ${pool} is not failed over, so there is nothing to fail back.` +
        (home === undefined
          ? ''
          : ` ${home}'s users are failed over to ${pool}; -PoolFQDN names the pool hit by the disaster: Invoke-CsPoolFailback -PoolFQDN ${home}.`),
      elements: home === undefined ? [pool] : [pool, home],
      fixes: home === undefined ? [] : [{ label: `Fail back ${home} instead`, change: { kind: 'failbackPool', pool: home }, at: index, replace: true }],
      change: index,
    });
    return;
  }
  const down = view.notServing(pool);
  if (down) {
    ctx.add({
      rule: 'pool-failover-state',
      severity: 'blocker',
      message: `P2: fail back only when the pool is back online, and ${down}.`,
      elements: [pool],
      fixes: [],
      change: index,
    });
    return;
  }
  const servingDown = view.notServing(servedBy);
  if (servingDown) {
    ctx.add({
      rule: 'pool-failover-state',
      severity: 'warning',
      message: `${servingDown}: failing ${pool} back from it needs Invoke-CsPoolFailback -DisasterMode, and data its failed-over users created on ${servedBy} is lost.`,
      elements: [pool, servedBy],
      fixes: [],
      change: index,
    });
  }
}

/** Rule 13 at the end: pairs whose two pools are both down. */
export function checkPairsDown(ctx: RuleContext): void {
  const { view } = ctx;
  const seen = new Set<string>();
  for (const [pool, backup] of view.backupPools) {
    if (!view.pools.has(pool) || !view.pools.has(backup)) continue;
    const key = pool < backup ? `${pool}|${backup}` : `${backup}|${pool}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const a = view.notServing(pool);
    const b = a && view.notServing(backup);
    if (!a || !b) continue;
    ctx.add({
      rule: 'pair-down',
      severity: 'blocker',
      message: `${pool} and its backup pool ${backup} are both down (${a}; ${b}): their users have nothing to fail over to until one is restored (P1 assumes the backup pool runs).`,
      elements: [pool, backup],
      fixes: [],
    });
  }
}

/** Rule 12 at the end: pairing as Topology Builder allows it but failover needs it. */
export function checkPairing(ctx: RuleContext): void {
  const { view } = ctx;
  if (view.frontEnds.length === 0) return;
  if (view.backupPools.size === 0) {
    ctx.add({
      rule: 'pairing',
      severity: 'info',
      message:
        'No Front End pool pairing is known. A topology document does not record it (Get-CsPoolBackupRelationship -PoolFQDN <pool> does), ' +
        'so no failover can be checked until it is loaded or entered.',
      elements: view.frontEnds.map((p) => p.fqdn),
      fixes: [],
    });
    return;
  }
  for (const pool of view.frontEnds) {
    const backup = view.backupPools.get(pool.fqdn);
    if (backup === undefined) {
      ctx.add({
        rule: 'pairing',
        severity: 'info',
        message: `${pool.fqdn} has no backup pool: its users have no disaster recovery.`,
        elements: [pool.fqdn],
        fixes: [],
      });
      continue;
    }
    const partner = view.pools.get(backup);
    const warn = (message: string) => ctx.add({ rule: 'pairing', severity: 'warning', message, elements: [pool.fqdn, backup], fixes: [] });
    if (!partner) {
      warn(`${pool.fqdn}'s backup pool ${backup} is not in the topology.`);
      continue;
    }
    if (partner.kind !== 'FrontEnd') {
      warn(`${pool.fqdn}'s backup pool ${backup} is not a Front End pool.`);
      continue;
    }
    const back = view.backupPools.get(backup);
    if (back !== pool.fqdn) {
      warn(`${pool.fqdn}'s backup pool is ${backup}, but ${backup}'s is ${back ?? 'not known'}: paired pools back each other up.`);
    }
    // The checks below are about the pair, so report them once (from the pool that sorts first, or
    // from this side when the other side does not name it back).
    if (back === pool.fqdn && backup < pool.fqdn) continue;
    if (partner.siteId === pool.siteId) {
      warn(`${pool.fqdn} and ${backup} are paired but both in site ${pool.siteId}: a site's loss takes both (pairs belong in different sites).`);
    }
    if (pool.edition !== undefined && partner.edition !== undefined && pool.edition !== partner.edition) {
      warn(`${pool.fqdn} (${pool.edition} Edition) is paired with ${backup} (${partner.edition} Edition): unsupported, though Topology Builder allows it.`);
    }
  }
}

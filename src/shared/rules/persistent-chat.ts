/**
 * Persistent Chat failover and failback (P7, P8). Failover brings the `mgc` database up on the
 * log-shipping backup SQL store in the other data center; the active servers must then be in the
 * data center of the database they connect to (P7 step 7, P8 step 6).
 */
import { unknownFieldPath, type Pool } from '../model/types';
import type { ScenarioChange } from '../scenario/types';
import type { RuleContext } from './context';

type ChatChange = Extract<ScenarioChange, { kind: 'failoverPersistentChat' | 'failbackPersistentChat' }>;

/** The site of the SQL pool holding `instanceId`. */
function siteOfStore(ctx: RuleContext, instanceId: string): string | undefined {
  const instance = ctx.view.sqlInstances.get(instanceId);
  return instance && ctx.view.siteOf(instance.poolFqdn);
}

/** The pool's servers that are in `siteId`: the active servers a fix proposes. */
function serversIn(ctx: RuleContext, pool: Pool, siteId: string): string[] {
  return pool.machines.filter((m) => ctx.view.siteOfMachine(m) === siteId);
}

/**
 * Rule 10 for the active servers of `change`: each must be in `siteId`, the database's site.
 * `step` is the procedure step that sets them.
 */
function checkActiveServers(ctx: RuleContext, change: ChatChange, index: number, siteId: string, step: string): void {
  const pool = ctx.view.pools.get(change.pool)!;
  if (pool.unknown?.includes('machineSites')) {
    // The pool's own site would be a guess: a stretched pool keeps servers in both data centres.
    ctx.add({
      rule: 'persistent-chat',
      severity: 'blocker',
      message:
        `${step}: every active server must be in the data center of the database it uses (site ${siteId}), but which data center each server of ${change.pool} ` +
        `stands in is not known (${unknownFieldPath(change.pool, 'machineSites')}: no read cmdlet reports it). Open a snapshot or topology that says it.`,
      elements: [change.pool],
      fixes: [],
      change: index,
    });
    return;
  }
  const wrong = change.activeServers.filter((m) => ctx.view.siteOfMachine(m) !== siteId);
  if (wrong.length === 0 && change.activeServers.length > 0) return;
  const proposed = serversIn(ctx, pool, siteId);
  const fixes =
    proposed.length === 0
      ? []
      : [{ label: `Make ${proposed.join(', ')} the active servers`, change: { ...change, activeServers: proposed }, at: index, replace: true }];
  if (change.activeServers.length === 0) {
    ctx.add({
      rule: 'persistent-chat',
      severity: 'warning',
      message: `${step}: no active servers are set for ${change.pool}, so no Persistent Chat server would connect to the database.`,
      elements: [change.pool],
      fixes,
      change: index,
    });
    return;
  }
  ctx.add({
    rule: 'persistent-chat',
    severity: 'blocker',
    message:
      `${step}: every active server must be in the same data center as the database it uses (site ${siteId}), ` +
      `but ${wrong.join(', ')} ${wrong.length === 1 ? 'is' : 'are'} not` +
      (proposed.length === 0 ? `, and ${change.pool} has no server in site ${siteId}.` : '.'),
    elements: [change.pool],
    fixes,
    change: index,
  });
}

/** Rule 10, before `failoverPersistentChat` at `index`. */
export function checkChatFailover(ctx: RuleContext, change: ChatChange, index: number): void {
  const { view } = ctx;
  const pool = view.pools.get(change.pool)!;
  const block = (message: string, elements: string[] = [change.pool]) =>
    ctx.add({ rule: 'persistent-chat', severity: 'blocker', message, elements, fixes: [], change: index });
  const state = view.persistentChat.get(change.pool)?.poolState;
  if (state === 'FailedOver') {
    block(`P7: ${change.pool} is already failed over (PoolState FailedOver): fail it back first (P8).`);
    return;
  }
  if (state === undefined) {
    ctx.add({
      rule: 'persistent-chat',
      severity: 'info',
      message: `The PoolState of ${change.pool} is not known (Get-CsPersistentChatState shows it); this check assumes Normal.`,
      elements: [change.pool],
      fixes: [],
      change: index,
    });
  }
  const backup = pool.backEnd?.backup;
  if (backup === undefined) {
    block(
      pool.unknown?.includes('backEnd.backup')
        ? `P7: the backup SQL store of ${change.pool} could not be discovered (${unknownFieldPath(change.pool, 'backEnd.backup')}); P7 brings the mgc database up on it, so open a snapshot or topology that names it.`
        : `P7: no backup SQL store is known for ${change.pool}; P7 brings the mgc database up on the log-shipping backup store, so the topology must name it.`,
    );
    return;
  }
  const backupPool = view.sqlInstances.get(backup)?.poolFqdn;
  const down = view.storeDown(backup);
  if (down) {
    block(`P7: ${change.pool} cannot fail over while its backup SQL store is down (${down}): there is no database to bring online.`, [
      change.pool,
      ...(backupPool ? [backupPool] : []),
    ]);
    return;
  }
  const site = siteOfStore(ctx, backup);
  if (site !== undefined) checkActiveServers(ctx, change, index, site, 'P7 step 7');
}

/** Rule 10, before `failbackPersistentChat` at `index`. */
export function checkChatFailback(ctx: RuleContext, change: ChatChange, index: number): void {
  const { view } = ctx;
  const pool = view.pools.get(change.pool)!;
  const block = (message: string) => ctx.add({ rule: 'persistent-chat', severity: 'blocker', message, elements: [change.pool], fixes: [], change: index });
  const state = view.persistentChat.get(change.pool)?.poolState;
  if (state !== 'FailedOver') {
    block(
      state === undefined
        ? `P8: whether ${change.pool} is failed over is not known (Get-CsPersistentChatState shows its PoolState); fail back only a pool in state FailedOver.`
        : `P8: ${change.pool} is not failed over (PoolState ${state}), so there is nothing to fail back.`,
    );
    return;
  }
  const primary = pool.backEnd?.primary;
  if (primary === undefined) {
    block(`P8: no primary SQL store is known for ${change.pool} to fail back to.`);
    return;
  }
  const down = view.storeDown(primary);
  if (down) {
    block(`P8: ${change.pool} cannot fail back while its primary SQL store is down (${down}): recover the primary data center first.`);
    return;
  }
  const site = siteOfStore(ctx, primary);
  if (site !== undefined) checkActiveServers(ctx, change, index, site, 'P8 step 6');
}

/** Rule 10 at the end: a running Persistent Chat pool whose database is gone and that is not failed over. */
export function checkChatPools(ctx: RuleContext): void {
  const { view } = ctx;
  for (const pool of view.persistentChatPools) {
    if (view.poolDown(pool.fqdn) || view.persistentChat.get(pool.fqdn)?.poolState === 'FailedOver') continue;
    const problem = view.notServing(pool.fqdn);
    if (!problem) continue;
    const backup = pool.backEnd?.backup;
    const site = backup === undefined || view.storeDown(backup) ? undefined : siteOfStore(ctx, backup);
    const servers = site === undefined ? [] : serversIn(ctx, pool, site);
    ctx.add({
      rule: 'persistent-chat',
      severity: 'warning',
      message:
        `${problem}: Persistent Chat is down until it fails over to its backup SQL store (P7)` +
        (backup === undefined ? ', and no backup store is known for it.' : site === undefined ? `, and the backup store ${backup} is down too.` : '.'),
      elements: [pool.fqdn],
      fixes:
        servers.length === 0
          ? []
          : [
              {
                label: `Fail over ${pool.fqdn} to its backup SQL store (P7)`,
                change: { kind: 'failoverPersistentChat', pool: pool.fqdn, activeServers: servers },
                at: ctx.end,
              },
            ],
    });
  }
}

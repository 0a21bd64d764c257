/**
 * P7: fail Persistent Chat over to its log-shipping backup SQL store. Mostly SQL Server work on
 * the backup instance (bring `mgc` online from the shipped logs), then the pool state, a mirror for
 * the new primary, and the active servers. `mgccomp` is not failed over: the compliance adapter
 * empties it as it goes.
 */
import type { Pool } from '../model/types';
import { getChatActiveServers, getChatState, setChatActiveServers, setChatState } from '../powershell/commands';
import type { ScenarioChange } from '../scenario/types';
import { PlanError, type PlanContext } from './context';
import { DURATIONS } from './durations';
import type { StepFactory } from './steps';
import type { Step } from './types';

type ChatChange = Extract<ScenarioChange, { kind: 'failoverPersistentChat' | 'failbackPersistentChat' }>;

export function planChatFailover(ctx: PlanContext, f: StepFactory, change: ChatChange): Step[] {
  const pool = ctx.pool(change.pool);
  // An unknown backup store is already a blocker (rule 10); its mirror is only needed here.
  ctx.requireKnown(pool, 'backEnd.backupMirror', 'P7 step 6 (the new primary is mirrored)');
  const backupId = pool.backEnd?.backup;
  if (backupId === undefined) throw new PlanError(`${pool.fqdn} has no backup SQL store in the topology: P7 brings mgc online there`);
  const backup = ctx.sql(backupId, `${pool.fqdn}'s backup SQL store`);
  const backupMirrorId = pool.backEnd?.backupMirror;
  const backupMirror = backupMirrorId === undefined ? undefined : ctx.sql(backupMirrorId, `the mirror of ${pool.fqdn}'s backup SQL store`);
  const sql = 'SQL Server Management Studio';
  return [
    f.manual({
      key: 'remove-log-shipping',
      procedure: 'P7.1',
      title: `Remove log shipping from the backup mgc database on ${backupId}`,
      why: 'The backup copy stops being a log-shipping secondary so it can become the primary.',
      tool: sql,
      runOn: backup.runOn,
      checklist: [`Connect to ${backupId} and open a query on the master database.`, 'Run the statement below and check that it succeeds.'],
      sql: ['exec sp_delete_log_shipping_secondary_database mgc'],
      estimate: DURATIONS.sqlAction,
    }),
    f.manual({
      key: 'copy-log-backups',
      procedure: 'P7.2',
      title: 'Copy the log backups not yet copied to the backup server',
      why: 'Every transaction-log backup taken before the disaster carries chat history the backup database does not have yet.',
      tool: 'File copy',
      runOn: backup.runOn,
      checklist: [`Copy every backup file not yet copied from the log-shipping backup share to the copy folder of ${backup.server}.`],
      estimate: DURATIONS.logRestore,
    }),
    f.manual({
      key: 'apply-log-backups',
      procedure: 'P7.3',
      title: 'Apply the log backups not yet applied, in order',
      why: 'They bring the backup mgc database up to the last backup taken before the disaster.',
      tool: sql,
      runOn: backup.runOn,
      checklist: [`On ${backupId}, restore every transaction-log backup of mgc not yet applied, oldest first, WITH NORECOVERY.`],
      estimate: DURATIONS.logRestore,
    }),
    f.manual({
      key: 'bring-online',
      procedure: 'P7.4',
      title: `Bring the backup mgc database online on ${backupId}`,
      why: 'Recovery ends the restore sequence: from here the backup database is the one Persistent Chat uses.',
      tool: sql,
      runOn: backup.runOn,
      checklist: [
        'Run exec sp_who2 and note every connection (SPID) to mgc.',
        'End each of those connections with kill <SPID>.',
        'Run the restore statement below and check that mgc is online.',
      ],
      sql: ['exec sp_who2', 'restore database mgc with recovery'],
      estimate: DURATIONS.sqlAction,
    }),
    ...setState(f, pool, 'FailedOver', 'P7.5', 'Persistent Chat is told that it runs on the backup store.'),
    mirrorStep(f, pool, backupId, backupMirrorId, backupMirror !== undefined),
    ...setActiveServers(f, pool, change.activeServers, 'P7.7', 'the new primary database'),
  ];
}

/** P7.6: high availability for the database that is now primary. */
function mirrorStep(f: StepFactory, pool: Pool, backupId: string, backupMirrorId: string | undefined, hasMirror: boolean): Step {
  return f.manual({
    key: 'install-mirror',
    procedure: 'P7.6',
    title: hasMirror ? `Mirror the new primary database on ${backupMirrorId}` : 'Plan a mirror for the new primary database',
    why: hasMirror
      ? `The backup store ${backupId} is now primary and has no high availability until ${backupMirrorId} mirrors it. Install-CsMirrorDatabase needs a file share both SQL servers can use, which the topology does not name, so the command is typed here.`
      : `No mirror of the backup store is in the topology: Persistent Chat runs without high availability until one is defined in Topology Builder.`,
    tool: 'Management Shell',
    checklist: hasMirror
      ? [
          `Choose a file share that the SQL Server service accounts of ${backupId} and ${backupMirrorId} can read and write.`,
          `Run Install-CsMirrorDatabase for the Persistent Chat databases of ${backupId}, with ${backupMirrorId} as the mirror and that share as -FileShare.`,
          'Check in SQL Server Management Studio that mgc is mirrored (Principal, Synchronized).',
        ]
      : [`Note that ${pool.fqdn} has no mirror while failed over; define one in Topology Builder and run Install-CsMirrorDatabase when it is available.`],
    estimate: DURATIONS.sqlSetup,
  });
}

/** Set-CsPersistentChatState and its read-back (P7.5, P8.7). */
export function setState(f: StepFactory, pool: Pool, state: 'Normal' | 'FailedOver', procedure: string, why: string): Step[] {
  return [
    f.command({
      key: 'set-state',
      procedure,
      title: `Set ${pool.fqdn}'s pool state to ${state}`,
      why,
      command: setChatState(pool.fqdn, state),
      runOn: { on: 'any' },
      estimate: DURATIONS.setting,
    }),
    f.check({
      key: 'state-read-back',
      procedure,
      title: `Check that ${pool.fqdn}'s pool state is ${state}`,
      why: 'The procedure names the pool as "service:<pool>", the reference differently; reading the state back shows the command took.',
      command: getChatState(pool.fqdn),
      runOn: { on: 'any' },
      condition: { test: 'equals', property: 'PoolState', value: state },
      onFail: `The pool state is not ${state}: check the identity the cmdlet accepted and set it again.`,
    }),
  ];
}

/**
 * Set-CsPersistentChatActiveServer and its read-back (P7.7, P8.1, P8.6). Active servers must be in
 * the data center of the database they use (validation checked the scenario's list).
 */
export function setActiveServers(f: StepFactory, pool: Pool, servers: readonly string[], procedure: string, database: string): Step[] {
  const none = servers.length === 0;
  // P8 sets the list twice (cleared at step 1, set at step 6): the step number tells them apart.
  const key = `active-servers-${procedure.toLowerCase()}`;
  return [
    f.command({
      key,
      procedure,
      title: none ? `Remove every active server of ${pool.fqdn}` : `Make ${servers.join(', ')} the active servers of ${pool.fqdn}`,
      why: none
        ? 'No Persistent Chat server may connect to mgc or mgccomp while they are moved back.'
        : `These servers connect to ${database}; every active server must be in its data center (or one linked to it with low latency and high bandwidth).`,
      command: setChatActiveServers(pool.fqdn, servers),
      runOn: { on: 'any' },
      estimate: DURATIONS.setting,
    }),
    f.check({
      key: `${key}-read-back`,
      procedure,
      title: none ? `Check that ${pool.fqdn} has no active servers` : `Check the active servers of ${pool.fqdn}`,
      why: 'The active server list decides which servers connect to the database.',
      command: getChatActiveServers(pool.fqdn),
      runOn: { on: 'any' },
      condition: none ? { test: 'empty', property: 'ActiveServers' } : { test: 'includesAll', property: 'ActiveServers', values: [...servers] },
      onFail: 'The active server list is not what was set: set it again before going on.',
    }),
  ];
}

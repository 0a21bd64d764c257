/**
 * P8: fail Persistent Chat back to its primary SQL store once the primary data center is
 * recovered (and mgc/mgccomp were rebuilt there with Topology Builder): no server connects while
 * the backup copy of mgc is moved back, then log shipping is set up again and the pool returns to
 * Normal.
 */
import type { ScenarioChange } from '../scenario/types';
import { PlanError, type PlanContext } from './context';
import { setActiveServers, setState } from './chat-failover';
import { DURATIONS } from './durations';
import type { StepFactory } from './steps';
import type { Step } from './types';

type Change = Extract<ScenarioChange, { kind: 'failbackPersistentChat' }>;

export function planChatFailback(ctx: PlanContext, f: StepFactory, change: Change): Step[] {
  const pool = ctx.pool(change.pool);
  ctx.requireKnown(pool, 'backEnd.backup', 'P8 (mgc is copied back from the backup SQL store)');
  const { primary: primaryId, backup: backupId } = pool.backEnd ?? {};
  if (primaryId === undefined || backupId === undefined)
    throw new PlanError(`${pool.fqdn} needs both a primary and a backup SQL store in the topology to fail back (P8)`);
  const primary = ctx.sql(primaryId, `${pool.fqdn}'s primary SQL store`);
  const backup = ctx.sql(backupId, `${pool.fqdn}'s backup SQL store`);
  const sql = 'SQL Server Management Studio';
  return [
    ...setActiveServers(f, pool, [], 'P8.1', 'mgc'),
    f.manual({
      key: 'remove-mirroring',
      procedure: 'P8.2',
      title: `Remove mirroring from mgc and mgccomp on ${backupId}`,
      why: 'The backup databases are copied back as plain databases.',
      tool: sql,
      runOn: backup.runOn,
      checklist: [
        `Connect to ${backupId}.`,
        'Remove mirroring from mgc and from mgccomp (the statements below, or Database Properties > Mirroring > Remove Mirroring).',
        'Check that the SQL Server Agent on the secondary Back End runs under an account that can read the backup share and write the local copy folder.',
      ],
      sql: ['ALTER DATABASE mgc SET PARTNER OFF', 'ALTER DATABASE mgccomp SET PARTNER OFF'],
      estimate: DURATIONS.sqlAction,
    }),
    f.manual({
      key: 'backup-mgc',
      procedure: 'P8.3',
      title: `Take a full backup of mgc on ${backupId}`,
      why: 'The primary store is restored from the data the pool wrote while failed over.',
      tool: sql,
      runOn: backup.runOn,
      checklist: [`Back up mgc on ${backupId} (full) to the log-shipping share, which both ${primary.server} and ${backup.server} can read.`],
      estimate: DURATIONS.databaseCopy,
    }),
    f.manual({
      key: 'restore-mgc',
      procedure: 'P8.4',
      title: `Restore mgc on ${primaryId} from that backup`,
      why: 'The primary database takes back the chat history written during the failover.',
      tool: sql,
      runOn: primary.runOn,
      checklist: [
        `On ${primaryId}, restore mgc from the backup just taken.`,
        'Overwrite the existing database (WITH REPLACE) and leave it ready to use (WITH RECOVERY).',
      ],
      estimate: DURATIONS.databaseCopy,
    }),
    f.manual({
      key: 'log-shipping',
      procedure: 'P8.5',
      title: `Configure log shipping from ${primaryId} to ${backupId} again`,
      why: 'Log shipping is what keeps the backup store ready for the next disaster.',
      tool: sql,
      runOn: primary.runOn,
      checklist: [
        `On ${primaryId}: mgc > Properties > Transaction Log Shipping: enable it with ${backupId} as the secondary, using the log-shipping share.`,
        'Check that the backup, copy and restore jobs run.',
      ],
      estimate: DURATIONS.sqlSetup,
    }),
    ...setActiveServers(f, pool, change.activeServers, 'P8.6', 'the primary database'),
    ...setState(f, pool, 'Normal', 'P8.7', 'Persistent Chat is told that it runs on its primary store again.'),
  ];
}

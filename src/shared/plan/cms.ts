/**
 * P1 steps 1–6: finding the Central Management Store and failing it over to its pool's backup
 * pool. Everything runs on a Front End server of that backup pool, where
 * Invoke-CsManagementServerFailover must run.
 *
 * Which Back End holds the principal copy of the CMS is only known at run time (P1.5.1), and the
 * references disagree on the cmdlet's parameters (-MirrorSql… or -BackupMirrorSql…, -Force in
 * disaster mode), so the failover is a decision on the mirror state whose branches are decisions
 * on the installed cmdlet's parameters.
 */
import type { Pool } from '../model/types';
import {
  cmsFailover,
  cmsFailoverWhatIf,
  getCmsStoreStatus,
  getCommand,
  getCmsMirrorState,
  getPoolBackupRelationship,
  installCmsDatabase,
  moveManagementServer,
  type SqlRef,
} from '../powershell/commands';
import { cmsActiveOn, PlanError, replicationWait, type PlanContext } from './context';
import { DURATIONS } from './durations';
import type { StepFactory } from './steps';
import type { Condition, RunOn, Step } from './types';

/** P1 step 2 applies to a CMS pool running Lync Server 2013 or later; step 5 or 6 follows from the same. */
export function isLync2010(pool: Pool): boolean {
  return pool.version === 'Lync2010';
}

const PRODUCTS: Record<string, string> = {
  Lync2013: 'Lync Server 2013',
  SfB2015: 'Skype for Business Server 2015',
  SfB2019: 'Skype for Business Server 2019',
};

/** P1.1 and P1.2: where the CMS is and which pool backs its pool up. */
export function cmsDiscovery(ctx: PlanContext, f: StepFactory, runOn: RunOn): Step[] {
  const steps: Step[] = [
    f.command({
      key: 'locate-cms',
      procedure: 'P1.1',
      title: 'Show which pool hosts the Central Management Server',
      why: 'The CMS must work while users fail over, so the procedure first finds it. With -WhatIf the cmdlet changes nothing; its text is for reading only.',
      command: cmsFailoverWhatIf(),
      runOn,
      estimate: DURATIONS.read,
    }),
  ];
  const cms = ctx.view.cmsPool;
  const cmsPool = cms === undefined ? undefined : ctx.view.pools.get(cms);
  const backup = cms === undefined ? undefined : ctx.view.backupPools.get(cms);
  if (cmsPool && backup !== undefined && !isLync2010(cmsPool)) {
    const unavailable = ctx.view.cmsUnavailable();
    steps.push(
      f.check({
        key: 'cms-backup-pool',
        procedure: 'P1.2',
        title: `Confirm that ${backup} is the backup pool of the CMS pool ${cms}`,
        why:
          `The CMS can only fail over to its pool's backup pool (${cms} runs ${PRODUCTS[cmsPool.version ?? ''] ?? 'Lync Server 2013 or later'}).` +
          (unavailable ? ' The CMS is unavailable, so the local replica is read (-LocalStore).' : ''),
        command: getPoolBackupRelationship(cmsPool.fqdn, unavailable !== undefined),
        runOn,
        condition: { test: 'mentions', value: backup },
        onFail: `The pairing differs from what this plan assumes (${cms} backed up by ${backup}): stop, correct the pairing and plan again.`,
      }),
    );
  }
  return steps;
}

/** The SQL instances the CMS of `backup` lives on: its CMS store (or Back End), and that Back End's mirror. */
function cmsStores(ctx: PlanContext, backup: Pool): { primary: SqlRef; mirror?: SqlRef } {
  const primaryId = ctx.view.cmsStore(backup.fqdn) ?? backup.backEnd?.primary;
  if (primaryId === undefined) throw new PlanError(`${backup.fqdn} has no Back End in the topology: the CMS failover (P1.5) cannot name the SQL Server to fail over to`);
  if (primaryId === backup.backEnd?.primary) ctx.requireKnown(backup, 'backEnd.mirror', 'P1 step 5 (which Back End holds the CMS principal)');
  const mirrorId = primaryId === backup.backEnd?.primary ? backup.backEnd?.mirror : undefined;
  return { primary: ctx.sql(primaryId, `${backup.fqdn}'s primary Back End`), ...(mirrorId ? { mirror: ctx.sql(mirrorId, `${backup.fqdn}'s mirror Back End`) } : {}) };
}

const sqlName = (s: SqlRef) => (s.instance === '' ? s.server : `${s.server}\\${s.instance}`);

/**
 * The failover command, in the form the installed cmdlet takes (probed with Get-Command). `partner`
 * is given when the mirror is the principal: the primary Back End is then its mirror.
 */
function failoverByParameters(f: StepFactory, procedure: string, runOn: RunOn, principal: SqlRef, partner?: SqlRef): Step {
  const title = `Fail the CMS over to ${sqlName(principal)}`;
  const why = `${sqlName(principal)} holds the principal copy of the CMS database, so that is where the CMS fails over to (${procedure}).`;
  const step = (g: StepFactory, style: 'reference' | 'procedure', force: boolean) => [
    g.command({
      key: 'failover-cms',
      procedure,
      title,
      why:
        why +
        (force ? ' -Force: the cmdlet reference requires it in disaster recovery.' : ' The installed cmdlet has no -Force parameter, so it is left out, as in the procedure.'),
      command: cmsFailover({ principal, ...(partner ? { partner } : {}), style, force }),
      runOn,
      estimate: DURATIONS.cmsFailover,
      retryable: true,
    }),
  ];
  const has = (parameter: string): Condition => ({ test: 'hasParameter', parameter });
  const branches: { id: string; label: string; when: Condition; steps: (g: StepFactory) => Step[] }[] = partner
    ? [
        {
          id: 'reference',
          label: 'The cmdlet has -BackupMirrorSqlServerFqdn (the cmdlet reference)',
          when: { test: 'all', conditions: [has('BackupMirrorSqlServerFqdn'), has('Force')] },
          steps: (g: StepFactory) => step(g, 'reference', true),
        },
        {
          id: 'procedure-force',
          label: 'The cmdlet has -MirrorSqlServerFqdn (the procedure) and -Force',
          when: { test: 'all', conditions: [has('MirrorSqlServerFqdn'), has('Force')] },
          steps: (g: StepFactory) => step(g, 'procedure', true),
        },
        {
          id: 'procedure',
          label: 'The cmdlet has -MirrorSqlServerFqdn (the procedure) without -Force',
          when: has('MirrorSqlServerFqdn'),
          steps: (g: StepFactory) => step(g, 'procedure', false),
        },
      ]
    : [
        { id: 'force', label: 'The cmdlet has -Force', when: has('Force'), steps: (g: StepFactory) => step(g, 'reference', true) },
        { id: 'no-force', label: 'The cmdlet has no -Force', when: { test: 'not', condition: has('Force') }, steps: (g: StepFactory) => step(g, 'reference', false) },
      ];
  return f.decision({
    key: 'cmdlet-parameters',
    procedure,
    title: 'Check which parameters the installed Invoke-CsManagementServerFailover takes',
    why:
      (partner
        ? 'The references disagree: the procedure names a principal mirror with -MirrorSqlServerFqdn, the cmdlet reference only has -BackupMirrorSqlServerFqdn, and only the reference passes -Force in disaster recovery.'
        : 'The references disagree on -Force: the cmdlet reference requires it in disaster recovery, the procedure leaves it out.') + ' The installed cmdlet decides.',
    question: 'Which parameters does Invoke-CsManagementServerFailover take here?',
    command: getCommand('Invoke-CsManagementServerFailover'),
    runOn,
    branches,
  });
}

/** P1 steps 1–6 for a `failoverCms` change: `reason` says why the CMS moves now. */
export function planCmsFailover(ctx: PlanContext, f: StepFactory, reason: string): Step[] {
  const cms = ctx.view.cmsPool;
  const backupFqdn = cms === undefined ? undefined : ctx.view.backupPools.get(cms);
  if (cms === undefined || backupFqdn === undefined) throw new PlanError('the CMS pool or its backup pool is not known, so the CMS failover cannot be planned');
  const cmsPool = ctx.pool(cms);
  const backup = ctx.pool(backupFqdn);
  const runOn = ctx.frontEnd(backup.fqdn);
  const steps = cmsDiscovery(ctx, f, runOn);
  steps.push(
    f.command({
      key: 'cms-status',
      procedure: 'P1.3',
      title: 'Record the state of the Central Management Store',
      why: `ActiveMasterFqdn and ActiveFileTransferAgents show where the CMS runs; empty, they mean it is unavailable. This plan fails it over to ${backup.fqdn} because ${reason} (P1.4).`,
      command: getCmsStoreStatus(),
      runOn,
      estimate: DURATIONS.read,
    }),
  );
  const installed = ctx.view.cmsService.has(backup.fqdn);
  if (isLync2010(cmsPool) || !installed) {
    steps.push(...installCms(ctx, f, backup, runOn, isLync2010(cmsPool) ? `${cms} runs Lync Server 2010` : `the topology has no Central Management Server on ${backup.fqdn} yet`));
  } else {
    const { primary, mirror } = cmsStores(ctx, backup);
    if (mirror) {
      steps.push(
        f.decision({
          key: 'mirror-state',
          procedure: 'P1.5.1',
          title: `Find which Back End of ${backup.fqdn} holds the principal copy of the CMS`,
          why: `${backup.fqdn}'s Back End is mirrored (${sqlName(primary)} and ${sqlName(mirror)}); the CMS fails over to whichever holds the principal copy.`,
          question: 'Which Back End holds the principal copy of the CMS database?',
          command: getCmsMirrorState(backup.fqdn),
          runOn,
          branches: [
            {
              id: 'primary',
              label: `The primary Back End (${sqlName(primary)}) is the principal`,
              when: { test: 'equals', property: 'StateOnPrimary', value: 'Principal' },
              steps: (g) => [failoverByParameters(g, 'P1.5.2', runOn, primary)],
            },
            {
              id: 'mirror',
              label: `The mirror Back End (${sqlName(mirror)}) is the principal`,
              when: { test: 'equals', property: 'StateOnMirror', value: 'Principal' },
              steps: (g) => [failoverByParameters(g, 'P1.5.3', runOn, mirror, primary)],
            },
          ],
        }),
      );
    } else {
      steps.push(failoverByParameters(f, 'P1.5.2', runOn, primary));
    }
    steps.push(...verifyCms(ctx, f, backup, runOn, 'P1.5.4', 'P1.5.5'));
  }
  ctx.cmsMoved = true;
  return steps;
}

/** P1.5.4–5 and P1.6.3–4: the CMS answers from its new pool, and every replica has caught up. */
function verifyCms(ctx: PlanContext, f: StepFactory, backup: Pool, runOn: RunOn, statusStep: string, replicaStep: string): Step[] {
  return [
    f.check({
      key: 'verify-cms',
      procedure: statusStep,
      title: `Check that the CMS now runs on ${backup.fqdn}`,
      why: 'The users must not fail over before the CMS works from its new pool.',
      command: getCmsStoreStatus(),
      runOn,
      condition: cmsActiveOn(backup),
      onFail: 'The CMS did not move: fix it from the failover command\'s errors and run it again before going on.',
    }),
    replicationWait(ctx, f, 'replicas', replicaStep, 'Every replica must report UpToDate before the CMS is relied on: that is how the procedure verifies the failover.'),
  ];
}

/** P1.6: install the CMS on the backup pool's Back End, move it there, and set up the other Front Ends. */
function installCms(ctx: PlanContext, f: StepFactory, backup: Pool, runOn: RunOn, why: string): Step[] {
  const storeId = backup.backEnd?.primary;
  if (storeId === undefined) throw new PlanError(`${backup.fqdn} has no Back End in the topology: P1.6 cannot name the SQL Server to install the CMS on`);
  const store = ctx.sql(storeId, `${backup.fqdn}'s Back End`);
  const [first, ...others] = backup.machines;
  if (first === undefined) throw new PlanError(`${backup.fqdn} has no servers in the topology: P1.6 moves the CMS to one of them`);
  return [
    f.command({
      key: 'install-cms-database',
      procedure: 'P1.6.1',
      title: `Install a clean CMS database on ${sqlName(store)}`,
      why: `The CMS is not installed on ${backup.fqdn} (${why}), so it is installed there first.`,
      command: installCmsDatabase(store),
      runOn,
      estimate: DURATIONS.cmsInstall,
    }),
    f.command({
      key: 'move-management-server',
      procedure: 'P1.6.2',
      title: `Move the Central Management Server to ${first}`,
      why: 'The move runs on one Front End server of the pool the CMS moves to; -Force because the old CMS cannot be reached.',
      command: moveManagementServer(),
      runOn: { on: 'frontEndServer', pool: backup.fqdn, server: first },
      estimate: DURATIONS.cmsMove,
    }),
    ...verifyCms(ctx, f, backup, runOn, 'P1.6.3', 'P1.6.4'),
    ...others.map((server) =>
      f.manual({
        key: `bootstrapper-${server}`,
        procedure: 'P1.6.5',
        title: `Install the Central Management Server service on ${server}`,
        why: 'Every other Front End server of the pool needs the CMS services. Bootstrapper is run from the installation\'s Deployment folder, whose path depends on the product installed, so it is typed there.',
        tool: 'Management Shell on the server',
        runOn: { on: 'frontEndServer', pool: backup.fqdn, server },
        checklist: [
          `On ${server}, open an elevated Skype for Business Server Management Shell and go to the Deployment folder of the installation.`,
          'Run: .\\Bootstrapper.exe /Setup',
          'Check that it finishes without errors.',
        ],
        estimate: DURATIONS.bootstrapper,
      }),
    ),
  ];
}

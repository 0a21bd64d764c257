/**
 * What discovery cannot read stays unknown, and the planner will not guess it: a database service's
 * answer without the (guessed) mirror or backup property, or a query that failed, marks the store
 * unknown on the pool — not "none" — and the CMS and Persistent Chat procedures that need it are
 * refused, naming the field.
 */
import { describe, expect, it } from 'vitest';
import { discoverDeployment, type JobRunner } from '../../../src/main/discovery/discover';
import { describeJob } from '../../../src/main/powershell/job';
import { demoDeployment } from '../../../src/shared/demo/demo';
import type { Deployment } from '../../../src/shared/model/types';
import { buildPlan, PlanBlockedError, PlanError } from '../../../src/shared/plan/planner';
import type { ScenarioChange } from '../../../src/shared/scenario/types';
import { labRunner } from '../../support/lab-runner';

const DEMO = demoDeployment(new Date('2026-12-01T08:00:00Z'));

/** The lab, but the named query's results passed through `edit` (or the query failing). */
function editing(query: string, edit: ((result: Record<string, unknown>) => Record<string, unknown>) | 'fail'): JobRunner {
  const lab = labRunner(DEMO);
  return {
    async run(job) {
      const outcome = await lab.run(job);
      if (describeJob(job) !== query) return outcome;
      if (edit === 'fail') return { ...outcome, status: 'failed', results: [], errors: [{ message: 'Access is denied.' }] };
      return { ...outcome, results: outcome.results.map((r) => edit(r as Record<string, unknown>)) };
    },
  };
}

const without = (...names: string[]) => (r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).filter(([k]) => !names.includes(k)));
const pool = (d: Deployment, fqdn: string) => d.topology.pools.find((p) => p.fqdn === fqdn)!;
const discover = async (runner: JobRunner) => discoverDeployment(runner, { source: { kind: 'discovery', name: 'lab' } });

/** The discovery with the data centre of each Persistent Chat server supplied, as the demo has it (no cmdlet reports it). */
function sitesKnown(d: Deployment): Deployment {
  const out = structuredClone(d);
  const chat = pool(out, 'pchat1.contoso.com');
  chat.machineSites = pool(DEMO, 'pchat1.contoso.com').machineSites!;
  const unknown = chat.unknown!.filter((f) => f !== 'machineSites');
  if (unknown.length > 0) chat.unknown = unknown;
  else delete chat.unknown;
  return out;
}

/** Why no plan is made: the planner's refusal, or validation's blockers. */
function refusal(d: Deployment, change: ScenarioChange, down: Parameters<typeof buildPlan>[1]['down']): string {
  try {
    buildPlan(d, { changes: [change], down, applied: 1 }, { now: Date.parse('2026-12-01T08:00:00Z') });
  } catch (err) {
    if (err instanceof PlanError || err instanceof PlanBlockedError) return err.message;
    throw err;
  }
  return 'planned';
}

describe('stores discovery could not read', () => {
  it('an answer without MirrorSqlServerFqdn leaves the mirror unknown, says why, and the CMS failover is refused naming it', async () => {
    const result = await discover(editing('Get-CsService -UserDatabase', without('MirrorSqlServerFqdn', 'MirrorSqlInstanceName')));
    const pool2 = pool(result.deployment, 'pool2.contoso.com');
    expect(pool2.backEnd).toEqual({ primary: 'sql2a.contoso.com\\rtc' });
    expect(pool2.unknown).toEqual(['backEnd.mirror']);
    expect(result.issues.map((i) => i.message)).toContain(
      'Get-CsService -UserDatabase: the answer for sql2a.contoso.com\\rtc has no MirrorSqlServerFqdn, so pools[pool2.contoso.com].backEnd.mirror is unknown',
    );
    expect(refusal(result.deployment, { kind: 'failoverCms' }, [{ kind: 'pool', fqdn: 'pool1.contoso.com' }])).toMatch(
      /P1 step 5 \(which Back End holds the CMS principal\) needs pools\[pool2\.contoso\.com\]\.backEnd\.mirror, which the discovery could not read/,
    );
    // The same failover from the demo itself is planned.
    expect(refusal(DEMO, { kind: 'failoverCms' }, [{ kind: 'pool', fqdn: 'pool1.contoso.com' }])).toBe('planned');
  });

  it('a Persistent Chat answer without the backup mirror property refuses P7 step 6, naming it', async () => {
    const result = await discover(editing('Get-CsService -PersistentChatDatabase', without('BackupMirrorSqlServerFqdn')));
    expect(pool(result.deployment, 'pchat1.contoso.com').unknown).toEqual(['backEnd.backupMirror', 'machineSites']);
    expect(refusal(sitesKnown(result.deployment), { kind: 'failoverPersistentChat', pool: 'pchat1.contoso.com', activeServers: ['pchatsrv3.contoso.com'] }, [])).toContain(
      'P7 step 6 (the new primary is mirrored) needs pools[pchat1.contoso.com].backEnd.backupMirror',
    );
  });

  it('an empty mirror property means no mirror (known), not unknown', async () => {
    const result = await discover(editing('Get-CsService -UserDatabase', (r) => ({ ...r, MirrorSqlServerFqdn: null, MirrorSqlInstanceName: null })));
    expect(pool(result.deployment, 'pool1.contoso.com')).toMatchObject({ backEnd: { primary: 'sql1a.contoso.com\\rtc' } });
    expect(pool(result.deployment, 'pool1.contoso.com').unknown).toBeUndefined();
  });

  it('a failed query leaves every store it would have named unknown, and the Persistent Chat failover is blocked naming its backup store', async () => {
    const result = await discover(editing('Get-CsService -PersistentChatDatabase', 'fail'));
    expect(result.failed.map((f) => f.query)).toEqual(['Get-CsService -PersistentChatDatabase']);
    const chat = pool(result.deployment, 'pchat1.contoso.com');
    expect(chat.backEnd).toEqual({ primary: 'pchatsql1a.contoso.com\\pchat' });
    expect(chat.unknown).toEqual(['backEnd.mirror', 'backEnd.backup', 'backEnd.backupMirror', 'machineSites']);
    expect(refusal(result.deployment, { kind: 'failoverPersistentChat', pool: 'pchat1.contoso.com', activeServers: [] }, [])).toMatch(
      /the backup SQL store of pchat1\.contoso\.com could not be discovered \(pools\[pchat1\.contoso\.com\]\.backEnd\.backup\)/,
    );
    const known = sitesKnown(result.deployment);
    const failedOver = { ...known, state: { ...known.state, persistentChat: { 'pchat1.contoso.com': { poolState: 'FailedOver' as const, activeServers: [] } } } };
    expect(refusal(failedOver, { kind: 'failbackPersistentChat', pool: 'pchat1.contoso.com', activeServers: ['pchatsrv1.contoso.com'] }, [])).toContain(
      'P8 (mgc is copied back from the backup SQL store) needs pools[pchat1.contoso.com].backEnd.backup, which the discovery could not read',
    );
  });

  it('a mirror the topology does not hold is not taken on trust', async () => {
    const result = await discover(editing('Get-CsService -UserDatabase', (r) => ({ ...r, MirrorSqlServerFqdn: 'elsewhere.contoso.com' })));
    expect(pool(result.deployment, 'pool1.contoso.com').unknown).toEqual(['backEnd.mirror']);
    expect(result.issues.map((i) => i.message)).toContainEqual(expect.stringContaining('names elsewhere.contoso.com\\rtc, which is not a SQL instance in the topology'));
  });
});

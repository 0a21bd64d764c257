import { describe, expect, it } from 'vitest';
import { demoDeployment } from '../../../src/shared/demo/demo';
import type { Deployment } from '../../../src/shared/model/types';
import { buildPlan, PlanBlockedError, PlanError } from '../../../src/shared/plan/planner';
import { NEXT_HOP_ERROR } from '../../../src/shared/plan/pool-failover';
import type { CheckStep, CommandStep, DecisionStep, ManualStep, Plan, Step } from '../../../src/shared/plan/types';
import { nextHopFailoverError } from '../../../src/shared/rules/next-hop';
import {
  after,
  allSteps,
  CHAT,
  CHAT_SERVERS,
  EDGE1,
  EDGE2,
  EDGESERVER1,
  EDGESERVER2,
  goldenPlans,
  NOW,
  plan,
  POOL1,
  POOL2,
  scenario,
} from './scenarios';

const downPool = (fqdn: string) => ({ kind: 'pool', fqdn }) as const;
const texts = (steps: Step[]) => steps.flatMap((s) => ('command' in s ? [s.command.text] : []));
const byId = (p: Plan, suffix: string) => {
  const found = allSteps(p).find((s) => s.id.endsWith(suffix));
  if (!found) throw new Error(`no step ending in ${suffix}`);
  return found;
};
const golden = goldenPlans();

/** The demo with a Director pool in Site1: a same-site next hop for EdgePool1. */
function withDirector(): Deployment {
  const d = structuredClone(demoDeployment());
  const dir = 'dir1.contoso.com';
  d.topology.pools.push({ fqdn: dir, siteId: 'Site1', kind: 'Director', machines: ['dir01.contoso.com'], sqlInstances: [], roles: ['Registrar'] });
  d.topology.services.push({ id: `Registrar:${dir}`, role: 'Registrar', poolFqdn: dir, dependsOn: [], isDirector: true });
  return d;
}

describe('P1: failing over the demo pool (P0 and the CMS first)', () => {
  const p = golden['pool1-failover']!;

  it('moves EdgePool1 to pool2 with Set-CsEdgeServer, then the CMS, then fails pool1 over in disaster mode', () => {
    expect(p.sections.map((s) => [s.procedure, s.change.kind])).toEqual([
      ['P0', 'reassignNextHop'],
      ['P1', 'failoverCms'],
      ['P1', 'failoverPool'],
    ]);
    expect(texts(p.sections[0]!.steps)[0]).toBe("Set-CsEdgeServer -Identity 'EdgeServer:edgepool1.contoso.com' -Registrar 'Registrar:pool2.contoso.com'");
    const failover = p.sections[2]!.steps.at(-1) as CommandStep;
    expect(failover.command.text).toBe("Invoke-CsPoolFailover -PoolFqdn 'pool1.contoso.com' -DisasterMode -Verbose");
    expect(failover).toMatchObject({ procedure: 'P1.7', effect: 'changes', whatIf: true, retryable: true, runOn: { on: 'frontEnd', pool: POOL2 } });
  });

  it('says which changes it added and why; the admin\'s own change carries no such note', () => {
    expect(p.sections[0]!.addedBecause).toContain('running Edge pool uses as its next hop (P1 step 0)');
    expect(p.sections[1]!.addedBecause).toContain('(P1 step 4)');
    expect(p.sections[2]!.addedBecause).toBeUndefined();
    expect(p.scenario.changes).toHaveLength(3);
  });

  it('adds nothing the admin already put first', () => {
    const own = plan(
      demoDeployment(),
      [{ kind: 'reassignNextHop', edgePool: EDGE1, nextHop: POOL2 }, { kind: 'failoverCms' }, { kind: 'failoverPool', pool: POOL1 }],
      [downPool(POOL1)],
    );
    expect(own.sections.map((s) => s.addedBecause)).toEqual([undefined, undefined, undefined]);
    expect(own.sections.map((s) => s.steps)).toEqual(p.sections.map((s) => s.steps));
  });

  it('fails a running pool over gracefully, without -DisasterMode', () => {
    const running = plan(demoDeployment(), [{ kind: 'failoverPool', pool: POOL1 }]);
    const failover = running.sections.at(-1)!.steps.at(-1) as CommandStep;
    expect(failover.command.text).toBe("Invoke-CsPoolFailover -PoolFqdn 'pool1.contoso.com' -Verbose");
    expect(failover.why).toContain('without -DisasterMode');
  });

  it('knows the next-hop error the cmdlet stops with, and what to do about it', () => {
    const failover = p.sections[2]!.steps.at(-1) as CommandStep;
    const [known] = failover.knownErrors!;
    expect(nextHopFailoverError(POOL1).replace(/\s+/g, ' ')).toContain(known!.match);
    expect(known!.match).toBe(NEXT_HOP_ERROR);
    expect(known!.advice).toContain('P0');
  });

  it('reads the pairing from the local replica while the CMS is down (P1.2)', () => {
    expect((byId(p, 'failoverCms/cms-backup-pool') as CheckStep).command.text).toBe("Get-CsPoolBackupRelationship -PoolFqdn 'pool1.contoso.com' -LocalStore");
  });

  it('checks the CMS is where it must be before failing users over when it need not move', () => {
    // pool2 fails over; the CMS stays on pool1. Its Edge pool is reassigned first (to pool1, in the other site).
    const other = plan(demoDeployment(), [{ kind: 'failoverPool', pool: POOL2 }], [downPool(POOL2)]);
    expect(other.sections.map((s) => s.change.kind)).toEqual(['reassignNextHop', 'failoverPool']);
    const steps = other.sections[1]!.steps;
    expect(steps.map((s) => s.procedure)).toEqual(['P1.1', 'P1.2', 'P1.3', 'P1.7']);
    const status = steps[2] as CheckStep;
    expect(status.condition).toEqual({
      test: 'all',
      conditions: [
        { test: 'oneOf', property: 'ActiveMasterFqdn', values: [POOL1, 'fe01.contoso.com', 'fe02.contoso.com'] },
        { test: 'includesAny', property: 'ActiveFileTransferAgents', values: [POOL1, 'fe01.contoso.com', 'fe02.contoso.com'] },
      ],
    });
  });

  it('uses Topology Builder for a next hop in the Edge pool\'s own site', () => {
    const p0 = plan(withDirector(), [{ kind: 'failoverPool', pool: POOL1 }], [downPool(POOL1)]).sections[0]!;
    expect(p0.title).toContain('dir1.contoso.com');
    const [tb, wait, readBack] = p0.steps as [ManualStep, Step, CheckStep];
    expect(tb).toMatchObject({ kind: 'manual', tool: 'Topology Builder', procedure: 'P0' });
    expect(tb.checklist.join(' ')).toContain('choose dir1.contoso.com in "Next hop pool:"');
    expect(wait.kind).toBe('wait');
    expect(readBack.condition).toEqual({ test: 'equals', property: 'Registrar', value: 'Registrar:dir1.contoso.com' });
  });
});

describe('P1 steps 5 and 6: the CMS failover', () => {
  const cms = golden['pool1-failover']!.sections[1]!;

  it('decides on the mirror state which Back End to fail over to', () => {
    const decision = cms.steps.find((s) => s.kind === 'decision') as DecisionStep;
    expect(decision.command.text).toBe("Get-CsDatabaseMirrorState -PoolFqdn 'pool2.contoso.com' -DatabaseType 'CentralMgmt'");
    expect(decision.branches.map((b) => [b.id, b.when])).toEqual([
      ['primary', { test: 'equals', property: 'StateOnPrimary', value: 'Principal' }],
      ['mirror', { test: 'equals', property: 'StateOnMirror', value: 'Principal' }],
    ]);
  });

  it('checks the installed cmdlet\'s parameters before choosing the command form', () => {
    const decision = cms.steps.find((s) => s.kind === 'decision') as DecisionStep;
    const [primary, mirror] = decision.branches.map((b) => b.steps[0] as DecisionStep);
    expect(primary!.command.text).toBe("Get-Command -Name 'Invoke-CsManagementServerFailover'");
    expect(primary!.branches.map((b) => texts(b.steps))).toEqual([
      ["Invoke-CsManagementServerFailover -BackupSqlServerFqdn 'sql2a.contoso.com' -BackupSqlInstanceName 'rtc' -Force"],
      ["Invoke-CsManagementServerFailover -BackupSqlServerFqdn 'sql2a.contoso.com' -BackupSqlInstanceName 'rtc'"],
    ]);
    expect(mirror!.branches.map((b) => b.when)).toEqual([
      { test: 'all', conditions: [{ test: 'hasParameter', parameter: 'BackupMirrorSqlServerFqdn' }, { test: 'hasParameter', parameter: 'Force' }] },
      { test: 'all', conditions: [{ test: 'hasParameter', parameter: 'MirrorSqlServerFqdn' }, { test: 'hasParameter', parameter: 'Force' }] },
      { test: 'hasParameter', parameter: 'MirrorSqlServerFqdn' },
    ]);
    expect(texts(mirror!.branches[1]!.steps)).toEqual(["Invoke-CsManagementServerFailover -MirrorSqlServerFqdn 'sql2b.contoso.com' -MirrorSqlInstanceName 'rtc' -Force"]);
  });

  it('verifies the CMS on its new pool and waits for every replica', () => {
    const [verify, replicas] = cms.steps.slice(-2) as [CheckStep, Step];
    expect(verify.procedure).toBe('P1.5.4');
    expect(verify.condition).toMatchObject({ test: 'all' });
    expect(JSON.stringify(verify.condition)).toContain('fe03.contoso.com');
    expect(replicas).toMatchObject({
      kind: 'wait',
      procedure: 'P1.5.5',
      until: {
        // pool1 is down: its servers cannot take their copy, so the wait must not wait for them.
        condition: {
          test: 'excluding',
          property: 'ReplicaFqdn',
          values: ['fe01.contoso.com', 'fe02.contoso.com'],
          condition: { test: 'equals', property: 'UpToDate', value: true },
        },
      },
    });
    expect(replicas.why).toContain('Left out: fe01.contoso.com, fe02.contoso.com, down in this scenario: their replicas update when they return.');
  });

  it('fails over straight to the primary when no mirror is known', () => {
    const d = structuredClone(demoDeployment());
    delete d.topology.pools.find((p) => p.fqdn === POOL2)!.backEnd!.mirror;
    const steps = plan(d, [{ kind: 'failoverPool', pool: POOL1 }], [downPool(POOL1)]).sections[1]!.steps;
    const decision = steps.find((s) => s.kind === 'decision') as DecisionStep;
    expect(decision.procedure).toBe('P1.5.2');
    expect(decision.command.text).toBe("Get-Command -Name 'Invoke-CsManagementServerFailover'");
  });

  it('installs and moves the CMS when its pool runs Lync Server 2010 (P1.6)', () => {
    const d = structuredClone(demoDeployment());
    d.topology.pools.find((p) => p.fqdn === POOL1)!.version = 'Lync2010';
    const steps = plan(d, [{ kind: 'failoverPool', pool: POOL1 }], [downPool(POOL1)]).sections[1]!.steps;
    expect(steps.map((s) => s.procedure)).toEqual(['P1.1', 'P1.3', 'P1.6.1', 'P1.6.2', 'P1.6.3', 'P1.6.4', 'P1.6.5']);
    expect(texts(steps)).toContain("Install-CsDatabase -CentralManagementDatabase -Clean -SqlServerFqdn 'sql2a.contoso.com' -SqlInstanceName 'rtc'");
    expect(steps[3]).toMatchObject({
      command: { text: "Move-CsManagementServer -ConfigurationFileName 'C:\\CsConfigurationFile.zip' -LisConfigurationFileName 'C:\\CsLisConfigurationFile.zip' -Force" },
      runOn: { on: 'frontEndServer', pool: POOL2, server: 'fe03.contoso.com' },
    });
    expect(steps[6]).toMatchObject({ kind: 'manual', runOn: { on: 'frontEndServer', server: 'fe04.contoso.com' } });
    expect((steps[6] as ManualStep).checklist).toContain('Run: .\\Bootstrapper.exe /Setup');
  });
});

describe('P2: failback and the cross-failover order', () => {
  const restored = after(demoDeployment(), golden['pool1-failover']!);

  it('fails back with -PoolFqdn naming the pool hit by the disaster', () => {
    const [step] = golden['pool1-failback']!.sections[0]!.steps as [CommandStep];
    expect(step.command.text).toBe("Invoke-CsPoolFailback -PoolFqdn 'pool1.contoso.com' -Verbose");
    expect(step.estimate.max).toBe(60);
  });

  it('adds -DisasterMode when the pool serving the users is down', () => {
    const p = plan(restored, [{ kind: 'failbackPool', pool: POOL1 }], [downPool(POOL2)]);
    expect(texts(p.sections[0]!.steps)).toEqual(["Invoke-CsPoolFailback -PoolFqdn 'pool1.contoso.com' -DisasterMode -Verbose"]);
  });

  it('fails pool1 back before failing pool2 over to it', () => {
    const p = golden['cross-failover']!;
    const kinds = p.sections.map((s) => `${s.change.kind}${'pool' in s.change ? ` ${s.change.pool}` : ''}`);
    expect(kinds[0]).toBe(`failbackPool ${POOL1}`);
    expect(kinds.at(-1)).toBe(`failoverPool ${POOL2}`);
    expect(p.sections[0]!.addedBecause).toContain('(P2)');
    expect((p.sections[0]!.steps[0] as CommandStep).why).toContain(`This must finish before ${POOL2}'s own users fail over`);
  });

  it('keeps the admin\'s order when it is already right', () => {
    const p = plan(restored, [{ kind: 'failbackPool', pool: POOL1 }, { kind: 'failoverPool', pool: POOL2 }]);
    expect(p.sections[0]!.addedBecause).toBeUndefined();
    expect(p.sections.map((s) => s.id)).toEqual(golden['cross-failover']!.sections.map((s) => s.id));
  });
});

describe('refusing a scenario with blockers', () => {
  it('throws the blockers, not a plan', () => {
    const attempt = () => buildPlan(demoDeployment(), scenario([{ kind: 'failbackPool', pool: POOL1 }]), { now: NOW });
    expect(attempt).toThrow(PlanBlockedError);
    try {
      attempt();
    } catch (err) {
      const blockers = (err as PlanBlockedError).blockers;
      expect(blockers.map((b) => [b.rule, b.severity])).toEqual([['pool-failover-state', 'blocker']]);
      expect((err as Error).message).toContain('is not failed over');
    }
  });

  it('refuses what no prerequisite can fix: a pool without a backup pool', () => {
    const d = structuredClone(demoDeployment());
    d.state.backupPools = {};
    expect(() => plan(d, [{ kind: 'failoverPool', pool: POOL1 }], [downPool(POOL1)])).toThrow(/needs a backup pool/);
  });

  it('names the change it cannot plan when a name cannot be put in a command', () => {
    const d = structuredClone(demoDeployment());
    d.topology.sites[1]!.id = 'Site2\nline';
    for (const pool of d.topology.pools) if (pool.siteId === 'Site2') pool.siteId = 'Site2\nline';
    const attempt = () => plan(d, [{ kind: 'moveXmppRoute', siteId: 'Site1', edgeServer: EDGESERVER2 }], [downPool(EDGE1)]);
    expect(attempt).toThrow(PlanError);
    expect(attempt).toThrow(/change 1 \(Route site Site1's XMPP federation through edgeserver2\.contoso\.com\).*control character/);
  });
});

describe('P3 and P5: SIP federation', () => {
  it('moves federation off the failed Edge pool in Topology Builder and reads the route back', () => {
    const [section] = golden['sip-failover']!.sections;
    expect(section!.procedure).toBe('P3');
    expect(section!.steps.map((s) => `${s.procedure} ${s.kind}`)).toEqual([
      'P3.1 manual',
      'P3.2 manual',
      'P3.3 manual',
      'P3.3 wait',
      'P3.4 manual',
      'P3.4 check',
    ]);
    expect((section!.steps[0] as ManualStep).checklist[0]).toContain(`${EDGE1} > Edit Properties > General: clear`);
    expect((section!.steps[4] as ManualStep).runOn).toEqual({ on: 'edgeServer', pool: EDGE2, server: EDGESERVER2 });
    expect((section!.steps[5] as CheckStep).condition).toEqual({ test: 'equals', property: 'FederationRoute', value: `EdgeServer:${EDGE2}` });
  });

  it('fails back by starting the restored pool, then swapping the roles', () => {
    const [section] = golden['sip-failback']!.sections;
    expect(section!.procedure).toBe('P5');
    expect(section!.steps.slice(0, 2).map((s) => s.procedure)).toEqual(['P5.1', 'P5.1']);
    expect(texts(section!.steps.slice(0, 2))).toEqual(['Start-CsWindowsService', 'Get-CsWindowsService']);
    expect((section!.steps[2] as ManualStep).checklist[0]).toContain(`${EDGE2} > Edit Properties > General: clear`);
  });
});

describe('P4 and P5: XMPP federation', () => {
  it('stops the new pool, sets the route with whichever parameter Set-CsSite has, fixes DNS, and starts it again', () => {
    const [section] = golden['xmpp-failover']!.sections;
    expect(section!.steps.map((s) => s.procedure)).toEqual(['P4.2', 'P4.3', 'P4.4', 'P4.5', 'P4.6', 'P4.7', 'P4.7']);
    expect(texts(section!.steps.slice(0, 1))).toEqual(['Stop-CsWindowsService']);
    const decision = section!.steps[1] as DecisionStep;
    expect(decision.command.text).toBe("Get-Command -Name 'Set-CsSite'");
    expect(decision.branches.map((b) => b.when)).toEqual([
      { test: 'hasParameter', parameter: 'XmppExternalFederationRoute' },
      { test: 'hasParameter', parameter: 'XmppFederationRoute' },
    ]);
    expect(decision.branches.map((b) => texts(b.steps))).toEqual([
      ["Set-CsSite -Identity 'Site2' -XmppExternalFederationRoute 'edgeserver2.contoso.com'", "Get-CsSite -Identity 'Site2'"],
      ["Set-CsSite -Identity 'Site2' -XmppFederationRoute 'EdgeServer:edgepool2.contoso.com'", "Get-CsSite -Identity 'Site2'"],
    ]);
    expect((decision.branches[1]!.steps[1] as CheckStep).condition).toMatchObject({ test: 'oneOf', property: 'XmppFederationRoute' });
    expect(section!.steps[2]!.title).toContain(`A record at ${EDGESERVER2}`);
    expect((section!.steps[3] as ManualStep).title).toContain('_xmpp-server._tcp.contoso.com (port 5269)');
  });

  it('points the A record at the restored Edge server on failback (not at the one that stood in)', () => {
    const [section] = golden['xmpp-failback']!.sections;
    expect(section!.procedure).toBe('P5');
    const a = section!.steps.find((s) => s.procedure === 'P5.3.3') as ManualStep;
    expect(a.title).toBe(`In external DNS, point the XMPP federation A record at ${EDGESERVER1}`);
    expect(JSON.stringify(a)).not.toContain(EDGESERVER2);
    expect(section!.steps.map((s) => s.procedure)).toEqual(['P5.1', 'P5.1', 'P5.3.1', 'P5.3.2', 'P5.3.3', 'P5.3.4']);
  });
});

describe('P6: the media Edge pool', () => {
  it('associates the Front End pool with the other site\'s Edge pool in Topology Builder', () => {
    const [section] = golden['media-edge']!.sections;
    const [manual, wait] = section!.steps as [ManualStep, Step];
    expect(manual).toMatchObject({ procedure: 'P6', tool: 'Topology Builder' });
    expect(manual.checklist[1]).toBe(`Under "Associate Edge pool (for media components)", choose ${EDGE2}, then click OK.`);
    expect(wait.kind).toBe('wait');
  });

  it('points it back at its own Edge pool as step 4 of the failback', () => {
    const moved = after(demoDeployment(), golden['media-edge']!);
    const [section] = plan(moved, [{ kind: 'changeMediaEdge', pool: POOL1, edgePool: EDGE1 }]).sections;
    expect(section!.procedure).toBe('P5');
    expect(section!.steps[0]!.procedure).toBe('P5.4');
  });
});

describe('P7 and P8: Persistent Chat', () => {
  it('brings mgc online on the backup store, then sets the state, the mirror and the active servers', () => {
    const steps = golden['chat-failover']!.sections[0]!.steps;
    expect(steps.map((s) => s.procedure)).toEqual(['P7.1', 'P7.2', 'P7.3', 'P7.4', 'P7.5', 'P7.5', 'P7.6', 'P7.7', 'P7.7']);
    expect(steps[0]).toMatchObject({ kind: 'manual', tool: 'SQL Server Management Studio', sql: ['exec sp_delete_log_shipping_secondary_database mgc'] });
    expect(steps[0]!.kind === 'manual' && steps[0]!.runOn).toEqual({ on: 'sqlInstance', instance: 'pchatsql2a.contoso.com\\pchat', server: 'pchatsql2a.contoso.com' });
    expect((steps[3] as ManualStep).sql).toContain('restore database mgc with recovery');
    expect(texts(steps)).toEqual([
      "Set-CsPersistentChatState -Identity 'service:pchat1.contoso.com' -PoolState 'FailedOver'",
      "Get-CsPersistentChatState -Identity 'service:pchat1.contoso.com'",
      `Set-CsPersistentChatActiveServer -Identity 'PersistentChatServer:${CHAT}' -ActiveServers ${CHAT_SERVERS.map((s) => `'${s}'`).join(',')}`,
      `Get-CsPersistentChatActiveServer -Identity 'PersistentChatServer:${CHAT}'`,
    ]);
    expect((steps[8] as CheckStep).condition).toEqual({ test: 'includesAll', property: 'ActiveServers', values: CHAT_SERVERS });
  });

  it('empties the active servers first and returns the pool to Normal last', () => {
    const steps = golden['chat-failback']!.sections[0]!.steps;
    expect(steps.map((s) => s.procedure)).toEqual(['P8.1', 'P8.1', 'P8.2', 'P8.3', 'P8.4', 'P8.5', 'P8.6', 'P8.6', 'P8.7', 'P8.7']);
    expect(texts(steps.slice(0, 1))).toEqual([`Set-CsPersistentChatActiveServer -Identity 'PersistentChatServer:${CHAT}' -ActiveServers $null`]);
    expect((steps[1] as CheckStep).condition).toEqual({ test: 'empty', property: 'ActiveServers' });
    expect(texts(steps.slice(-2))).toEqual([
      "Set-CsPersistentChatState -Identity 'service:pchat1.contoso.com' -PoolState 'Normal'",
      "Get-CsPersistentChatState -Identity 'service:pchat1.contoso.com'",
    ]);
  });
});

describe('every plan', () => {
  const plans = Object.entries(golden);

  it.each(plans)('%s: step ids are unique, and the same when planned again', (name, p) => {
    const ids = allSteps(p).map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(goldenPlans()[name]).toEqual(p);
  });

  it.each(plans)('%s: every step names its procedure step, says why, and has an estimate', (_, p) => {
    for (const step of allSteps(p)) {
      expect(step.procedure, step.id).toMatch(/^P[0-8](\.\d+)*$/);
      expect(step.why.length, step.id).toBeGreaterThan(20);
      expect(step.estimate.min, step.id).toBeGreaterThan(0);
      expect(step.estimate.max, step.id).toBeGreaterThanOrEqual(step.estimate.min);
      if (step.kind === 'decision') expect(step.branches.length, step.id).toBeGreaterThanOrEqual(2);
      if (step.kind === 'manual') expect(step.checklist.length, step.id).toBeGreaterThan(0);
    }
    expect(p.estimate).toEqual({
      min: p.sections.reduce((n, s) => n + s.estimate.min, 0),
      max: p.sections.reduce((n, s) => n + s.estimate.max, 0),
    });
  });

  it('estimates a pool failover at Microsoft\'s 15–20 minutes', () => {
    const failover = golden['pool1-failover']!.sections[2]!.steps.at(-1)!;
    expect(failover.estimate).toEqual({ min: 15, max: 20 });
  });

  it('counts a decision as its shortest to longest branch', () => {
    const cms = golden['pool1-failover']!.sections[1]!;
    const sum = cms.steps.reduce((n, s) => n + s.estimate.max, 0);
    expect(cms.estimate.max).toBeGreaterThan(sum);
  });
});

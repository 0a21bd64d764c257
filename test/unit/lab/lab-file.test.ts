import { describe, expect, it } from 'vitest';
import { labFromSnapshot, labSnapshot } from '../../../src/lab/lab-file';
import { parseLabConfig } from '../../../src/lab/config';
import { LabConfigError } from '../../../src/lab/conditions';
import { parseSnapshot, serializeSnapshot, SnapshotError } from '../../../src/shared/snapshot/snapshot';
import { deriveRelations } from '../../../src/shared/model/relations';
import { AT, EDGE1, Lab, POOL1, POOL2 } from './helpers';

describe('the lab state file', () => {
  it('is a PoolPilot snapshot: the deployment after the jobs, the down components as its scenario, and the job log', () => {
    const lab = new Lab({ down: [{ kind: 'pool', fqdn: EDGE1 }] });
    lab.ok('Invoke-CsPoolFailover', { PoolFqdn: POOL1 }, { switches: ['DisasterMode'] });
    const text = serializeSnapshot(labSnapshot(lab.state, AT));
    const snapshot = parseSnapshot(text, 'lab.json');
    expect(snapshot.deployment.source).toEqual({ kind: 'lab', name: 'Lab: Built-in demo deployment' });
    expect(deriveRelations(snapshot.deployment)).toContainEqual({ kind: 'failedOverTo', from: POOL1, to: POOL2 });
    expect(snapshot.scenario).toEqual({ down: [{ kind: 'pool', fqdn: EDGE1 }], changes: [], applied: 0 });
    expect(snapshot.jobs).toEqual([{ cmdlet: 'Invoke-CsPoolFailover', parameters: { PoolFqdn: POOL1, DisasterMode: true }, whatIf: false, at: AT }]);
  });

  it('resumes where it left off: same deployment, log and down components', () => {
    const lab = new Lab({ down: [{ kind: 'pool', fqdn: EDGE1 }] });
    lab.ok('Invoke-CsPoolFailover', { PoolFqdn: POOL1 });
    const resumed = labFromSnapshot(parseSnapshot(serializeSnapshot(labSnapshot(lab.state, AT))));
    expect(resumed.deployment.state.failedOver).toEqual({ [POOL1]: POOL2 });
    expect(resumed.conditions.down).toEqual([{ kind: 'pool', fqdn: EDGE1 }]);
    expect(resumed.jobs).toEqual(lab.state.jobs);
    // Down components given at start replace the file's.
    expect(labFromSnapshot(parseSnapshot(serializeSnapshot(labSnapshot(lab.state, AT))), { down: [] }).conditions.down).toEqual([]);
  });

  it('refuses a job log that is not one, naming the file', () => {
    const snapshot = parseSnapshot(serializeSnapshot(labSnapshot(new Lab().state, AT)));
    expect(() => labFromSnapshot({ ...snapshot, jobs: [{ cmdlet: 1 }] }, {}, 'run.json')).toThrow(SnapshotError);
    expect(() => labFromSnapshot({ ...snapshot, jobs: [{ cmdlet: 1 }] }, {}, 'run.json')).toThrow(/^run\.json: the job log is not valid: jobs\.0\.cmdlet/);
  });
});

describe('lab settings', () => {
  const ps = ['-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'RemoteSigned', '-NoExit', '-Command', '-'];

  it('reads the environment; the command line wins', () => {
    const config = parseLabConfig([...ps, '--delay-ms', '250'], {
      POOLPILOT_LAB_STATE: '/tmp/lab.json',
      POOLPILOT_LAB_DOWN: 'pool:Pool1.contoso.com, site:Site2, sql:sql1a.contoso.com\\rtc',
      POOLPILOT_LAB_UNREACHABLE: 'EdgeServer2.contoso.com',
      POOLPILOT_LAB_FAULTS: 'Invoke-CsPoolFailover=fail:The pool is busy, try later; Get-CsPool=hang;Set-CsSite=exit;Get-CsSite=stderr:WARNING: late',
      POOLPILOT_LAB_DELAY_MS: '10',
      POOLPILOT_LAB_SPELLING: 'xmpp=procedure,cmsMirror=both',
      POOLPILOT_LAB_CMS_FORCE: 'optional',
    });
    expect(config).toMatchObject({ source: 'demo', statePath: '/tmp/lab.json', delayMs: 250 });
    expect(config.conditions).toEqual({
      down: [
        { kind: 'pool', fqdn: 'pool1.contoso.com' },
        { kind: 'site', siteId: 'Site2' },
        { kind: 'sqlStore', instanceId: 'sql1a.contoso.com\\rtc' },
      ],
      unreachable: ['edgeserver2.contoso.com'],
      spelling: { xmppRoute: 'procedure', cmsMirror: 'both' },
      cmsFailoverNeedsForce: false,
    });
    expect([...config.faults]).toEqual([
      ['Invoke-CsPoolFailover', { kind: 'fail', message: 'The pool is busy, try later' }],
      ['Get-CsPool', { kind: 'hang' }],
      ['Set-CsSite', { kind: 'exit' }],
      ['Get-CsSite', { kind: 'stderr', text: 'WARNING: late' }],
    ]);
  });

  it('speaks only the stdin protocol and refuses what it does not know', () => {
    expect(() => parseLabConfig(['-NoLogo'], {})).toThrow(/-Command -/);
    expect(() => parseLabConfig(['-Command', 'Get-Process'], {})).toThrow(/stdin only/);
    expect(() => parseLabConfig([...ps, '--bogus', 'x'], {})).toThrow(/unknown argument "--bogus"/);
    expect(() => parseLabConfig(ps, { POOLPILOT_LAB_FAULTS: 'Remove-Item=fail' })).toThrow(LabConfigError);
    expect(() => parseLabConfig(ps, { POOLPILOT_LAB_DOWN: 'rack:12' })).toThrow(/expected pool:<fqdn>/);
    expect(() => parseLabConfig(ps, { POOLPILOT_LAB_DELAY_MS: 'soon' })).toThrow(/delay-ms/);
  });
});

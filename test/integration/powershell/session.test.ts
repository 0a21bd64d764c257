/**
 * The PowerShell session over node-powershell's real process path, against the lab executable
 * (scripts/lab-shell.cjs) standing in for powershell.exe and against real pwsh with the lab module:
 * the job script line, the base64 payload, the delimiters, the records, timeouts and crashes all go
 * through a real child process.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAB_FACES, LAB_SHELL as LAB, useLabSessions } from '../../support/lab-sessions';
import { cmdletJob } from '../../../src/main/powershell/job';
import { manualRun } from '../../../src/main/powershell/fallback';
import { Credential } from '../../../src/main/powershell/credentials';
import { PowerShellSession, type PowerShellSessionOptions } from '../../../src/main/powershell/session';
import { ShellProcess } from '../../../src/main/powershell/shell-process';
import { SETUP_LINE } from '../../../src/main/powershell/job-script';
import { parseSnapshot } from '../../../src/shared/snapshot/snapshot';
import { deriveRelations } from '../../../src/shared/model/relations';

const ROOT = resolve(__dirname, '../../..');
const POOL1 = 'pool1.contoso.com';
const POOL2 = 'pool2.contoso.com';
const EDGE1 = 'edgepool1.contoso.com';

describe.each(LAB_FACES)('on the %s', (face) => {
  const { labSession } = useLabSessions('poolpilot-lab-', face);

  async function labFile(statePath: string) {
    return parseSnapshot(await readFile(statePath, 'utf8'), statePath);
  }

  describe('PowerShell session against the lab', () => {
    it('runs a job and brings its output back as objects (slow mode delays the answer)', async () => {
      const { session } = labSession({ POOLPILOT_LAB_DELAY_MS: '200' });
      const outcome = await session.run(cmdletJob('Get-CsPoolBackupRelationship', { PoolFqdn: POOL1 }));
      expect(outcome).toMatchObject({ status: 'succeeded', results: [{ PoolFqdn: POOL1, BackupPoolFqdn: POOL2 }], errors: [] });
      expect(outcome.durationMs).toBeGreaterThanOrEqual(200);
    });

    it('keeps the records of a job that also wrote to stderr (node-powershell alone would drop them)', async () => {
      const { session } = labSession({ POOLPILOT_LAB_FAULTS: 'Get-CsSite=stderr:WARNING: the replica is 5 minutes behind' });
      const outcome = await session.run(cmdletJob('Get-CsSite', { Identity: 'Site2' }));
      expect(outcome).toMatchObject({ status: 'succeeded', results: [expect.objectContaining({ Identity: 'Site:Site2' })] });
      expect(outcome.stderr.trim()).toBe('WARNING: the replica is 5 minutes behind');
    });

    it('brings a cmdlet\'s failure back as an error record with its message', async () => {
      const { session } = labSession({ POOLPILOT_LAB_FAULTS: 'Get-CsSite=fail:The site is locked by another administrator.' });
      const refused = await session.run(cmdletJob('Invoke-CsPoolFailover', { PoolFqdn: POOL1 }, { switches: ['DisasterMode'] }));
      expect(refused.status).toBe('failed');
      expect(refused.errors[0]!.message).toContain(`This Front-end pool "${POOL1}" is specified in topology as the next hop for the Edge server.`);
      const faulted = await session.run(cmdletJob('Get-CsSite', { Identity: 'Site1' }));
      expect(faulted).toMatchObject({ status: 'failed', errors: [{ message: 'The site is locked by another administrator.' }] });
      // The same shell answered both: failures are records, not crashes.
      expect(session.generation).toBe(1);
    });

    it('kills a shell that does not answer in time, says unknown, and starts a new one for the next job', async () => {
      const { session } = labSession({ POOLPILOT_LAB_FAULTS: 'Set-CsEdgeServer=hang' });
      const hung = await session.run(cmdletJob('Set-CsEdgeServer', { Identity: EDGE1, Registrar: `Registrar:${POOL2}` }), { timeoutMs: 800 });
      expect(hung.status).toBe('unknown');
      expect(hung.reason).toMatch(/no answer within 1 s: the shell was killed, and the job may have run/);
      // The caller re-checks before going on: here the change did happen.
      const check = await session.run(cmdletJob('Get-CsService', { Identity: `EdgeServer:${EDGE1}` }));
      expect(check).toMatchObject({ status: 'succeeded', results: [expect.objectContaining({ Registrar: `Registrar:${POOL2}` })] });
      expect(session.generation).toBe(2);
    });

    it('notices a shell that dies during a job, says unknown, and starts a new one', async () => {
      const { session } = labSession({ POOLPILOT_LAB_FAULTS: 'Invoke-CsManagementServerFailover=exit' });
      const died = await session.run(cmdletJob('Invoke-CsManagementServerFailover', {}, { switches: ['Verbose'] }));
      expect(died.status).toBe('unknown');
      expect(died.reason).toMatch(/the shell ended before the job finished/);
      const check = await session.run(cmdletJob('Get-CsManagementStoreReplicationStatus', {}, { switches: ['CentralManagementStoreStatus'] }));
      expect(check).toMatchObject({ status: 'succeeded', results: [expect.objectContaining({ ActiveMasterFqdn: POOL2 })] });
      expect(session.generation).toBe(2);
    });

    it('reports a server remoting cannot reach, and gives the command to run there by hand', async () => {
      const { session, statePath } = labSession(
        { POOLPILOT_LAB_UNREACHABLE: 'edgeserver2.contoso.com' },
        { credential: async () => new Credential('CONTOSO\\admin', 'S3cret-Pa55') },
      );
      const job = cmdletJob('Stop-CsWindowsService', {}, { target: 'edgeserver2.contoso.com' });
      const outcome = await session.run(job);
      // The credential travelled in the payloads (connect, and the job for a server) and nowhere else.
      expect(JSON.stringify(outcome)).not.toContain('S3cret-Pa55');
      expect(await readFile(statePath, 'utf8')).not.toContain('S3cret-Pa55');
      expect(outcome.status).toBe('failed');
      expect(outcome.errors[0]).toMatchObject({ errorId: 'CannotConnect,PSSessionStateBroken', message: expect.stringMatching(/^Connecting to remote server edgeserver2\.contoso\.com failed/) });
      expect(manualRun(job)).toMatchObject({ where: 'edgeserver2.contoso.com', command: 'Stop-CsWindowsService', checkCommand: 'Get-CsWindowsService' });
    });

    it('fails the job, without running it, when the management endpoint cannot be reached', async () => {
      const { session, statePath } = labSession({ POOLPILOT_LAB_DOWN: `pool:${POOL1}` }, { endpoint: 'fe01.contoso.com' });
      const outcome = await session.run(cmdletJob('Get-CsSite'));
      expect(outcome.status).toBe('failed');
      expect(outcome.reason).toMatch(/^cannot connect to https:\/\/fe01\.contoso\.com\/OcsPowershell: Connecting to remote server fe01\.contoso\.com failed/);
      expect((await labFile(statePath)).jobs).toEqual([]);
    });

    it('starts from a topology document as well as the demo', async () => {
      const source = resolve(ROOT, '../shared/fixtures/topologies/public/rlevchenko__powershell-skype__DefaultTopology.xml');
      const { session, statePath } = labSession({ POOLPILOT_LAB_SOURCE: source }, { endpoint: undefined });
      const pools = await session.run(cmdletJob('Get-CsPool'));
      expect(pools.status).toBe('succeeded');
      expect(pools.results.length).toBeGreaterThan(3);
      const snapshot = await labFile(statePath);
      expect(pools.results.map((p) => (p as { Identity: string }).Identity)).toEqual(snapshot.deployment.topology.pools.map((p) => p.fqdn));
      expect(snapshot.deployment.source).toEqual({ kind: 'lab', name: 'Lab: rlevchenko__powershell-skype__DefaultTopology.xml' });
    });

    // What stands in for PowerShell must not run what PowerShell would: real pwsh runs any line.
    it.runIf(face === 'lab shell')('refuses, loudly, any line that is not the job script', async () => {
      const shell = new ShellProcess({ executable: LAB });
      try {
        expect(await shell.invoke(SETUP_LINE)).toEqual({ stdout: '', stderr: '' });
        const answer = await shell.invoke('Stop-Computer -Force');
        expect(answer.stdout).toBe('');
        expect(answer.stderr).toMatch(/^PoolPilot lab: refused a line that is not the PoolPilot job script: "Stop-Computer -Force"/);
      } finally {
        await shell.kill();
      }
    });

    it('keeps its state in a snapshot with the jobs run, and fails pool1 over job by job as the procedure does', async () => {
      const { session, statePath } = labSession({ POOLPILOT_LAB_DOWN: `pool:${POOL1}` });
      const steps = [
        cmdletJob('Set-CsEdgeServer', { Identity: `EdgeServer:${EDGE1}`, Registrar: `Registrar:${POOL2}` }),
        cmdletJob('Invoke-CsManagementServerFailover', { BackupSqlServerFqdn: 'sql2a.contoso.com', BackupSqlInstanceName: 'rtc' }, { switches: ['Force'] }),
        cmdletJob('Invoke-CsPoolFailover', { PoolFqdn: POOL1 }, { switches: ['DisasterMode', 'Verbose'] }),
      ];
      for (const step of steps) expect(await session.run(step)).toMatchObject({ status: 'succeeded', errors: [] });

      const snapshot = await labFile(statePath);
      const relations = deriveRelations(snapshot.deployment);
      expect(relations).toContainEqual({ kind: 'failedOverTo', from: POOL1, to: POOL2 });
      expect(relations.filter((r) => r.kind === 'cmsActive').map((r) => r.from)).toEqual([POOL2]);
      expect(relations.find((r) => r.kind === 'edgeNextHop' && r.from === EDGE1)?.to).toBe(POOL2);
      expect(snapshot.jobs).toEqual([
        { cmdlet: 'Set-CsEdgeServer', parameters: { Identity: `EdgeServer:${EDGE1}`, Registrar: `Registrar:${POOL2}` }, whatIf: false, at: expect.any(String) },
        {
          cmdlet: 'Invoke-CsManagementServerFailover',
          parameters: { BackupSqlServerFqdn: 'sql2a.contoso.com', BackupSqlInstanceName: 'rtc', Force: true },
          whatIf: false,
          at: expect.any(String),
        },
        { cmdlet: 'Invoke-CsPoolFailover', parameters: { PoolFqdn: POOL1, DisasterMode: true, Verbose: true }, whatIf: false, at: expect.any(String) },
      ]);

      // Killed and started again on the same file, the lab carries on where it was.
      await session.dispose();
      const again = labSession({ POOLPILOT_LAB_STATE: statePath }).session;
      const failback = await again.run(cmdletJob('Invoke-CsPoolFailback', { PoolFqdn: POOL2 }));
      expect(failback.errors[0]?.message).toMatch(`The users of "${POOL1}" are failed over to it`);
      const status = await again.run(cmdletJob('Get-CsManagementStoreReplicationStatus', {}, { switches: ['CentralManagementStoreStatus'] }));
      expect(status.results).toEqual([expect.objectContaining({ ActiveMasterFqdn: POOL2, ActiveFileTransferAgents: [POOL2] })]);
      expect((await labFile(statePath)).jobs).toHaveLength(5);
    });
  });
});

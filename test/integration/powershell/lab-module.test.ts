/**
 * The lab module as an admin meets it: typed at a real pwsh prompt, not sent by PoolPilot's job
 * script. PowerShell itself must refuse what the real cmdlets refuse — a parameter they do not
 * have, two parameter sets at once, a missing mandatory parameter — before the lab sees the call;
 * -WhatIf must say what it would do and change nothing; what the cmdlets write must carry their
 * type names; and a failover the cmdlet refuses must fail with Microsoft's words.
 *
 * One pwsh runs every probe (each prints one JSON line), so the file pays for one start.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labConfigOfEnv } from '../../../src/lab/config';
import { LabEngine } from '../../../src/lab/engine';
import { ModuleLab } from '../../../src/lab/module-lab';
import { cmdletJob } from '../../../src/main/powershell/job';
import { serveLabEngine, type LabEngineServer } from '../../../src/lab/engine-server';
import { loadLabState } from '../../../src/lab/state-file';
import { psLiteral } from '../../../src/shared/powershell/quote';
import { nextHopFailoverError } from '../../../src/shared/rules/next-hop';
import { LAB_MODULE, PWSH } from '../../support/lab-sessions';

/** What one probe saw: the error PowerShell or the cmdlet stopped with, or what it wrote. */
interface Probe {
  name: string;
  errorId?: string;
  exception?: string;
  message?: string;
  output?: unknown;
}

// Each probe runs its script block and prints one line: PROBE <json>. Host output (What if:) lands between them.
const PROBE_FUNCTION = String.raw`
function Probe([string]$Name, [scriptblock]$Block) {
    $r = [ordered]@{ name = $Name }
    try { $r.output = & $Block }
    catch { $r.errorId = $_.FullyQualifiedErrorId; $r.exception = $_.Exception.GetType().FullName; $r.message = $_.Exception.Message }
    [Console]::Out.WriteLine('PROBE ' + (ConvertTo-Json -InputObject $r -Depth 6 -Compress))
}
`;

const PROBES = String.raw`
Probe 'unknown parameter' { Get-CsPool -Identity pool1.contoso.com -Bogus 1 }
Probe 'two role switches' { Get-CsService -EdgeServer -Registrar }
Probe 'missing mandatory' { Invoke-CsPoolFailover -DisasterMode -Force }
Probe 'value outside the set' { Set-CsPersistentChatState -Identity 'service:atl-cs-001.litwareinc.com' -PoolState Broken }
[Console]::Out.WriteLine('WHATIF-BEGIN')
Probe 'what if' { Set-CsEdgeServer -Identity 'EdgeServer:edgepool1.contoso.com' -Registrar 'Registrar:pool2.contoso.com' -WhatIf }
[Console]::Out.WriteLine('WHATIF-END')
Probe 'next hop refused' { Invoke-CsPoolFailover -PoolFqdn pool1.contoso.com -DisasterMode -Force -Confirm:$false }
Probe 'pool type' { $p = Get-CsPool -Identity pool1.contoso.com; @{ type = $p.PSObject.TypeNames[0]; fqdn = $p.Fqdn; site = $p.Site; computers = @($p.Computers) } }
Probe 'parameters' { @{ failover = @((Get-Command Invoke-CsPoolFailover).Parameters.Keys); whatIf = (Get-Command Invoke-CsPoolFailover).Parameters.ContainsKey('WhatIf'); edgeConfirm = (Get-Command Set-CsEdgeServer).Parameters.ContainsKey('Confirm') } }
`;

describe.skipIf(PWSH === undefined)('the lab module, typed at a real pwsh prompt', () => {
  let dir = '';
  let engine: LabEngine;
  let server: LabEngineServer;
  let before = '';
  let stdout = '';
  let probes = new Map<string, Probe>();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'poolpilot-lab-module-'));
    const config = labConfigOfEnv({ POOLPILOT_LAB_STATE: join(dir, 'lab.json') });
    engine = new LabEngine(await loadLabState(config), config);
    server = await serveLabEngine(engine);
    before = JSON.stringify(engine.state.deployment);
    const script = `$ErrorActionPreference = 'Stop'\nImport-Module ${psLiteral(LAB_MODULE)}\n${PROBE_FUNCTION}\n${PROBES}`;
    stdout = await new Promise<string>((done, fail) =>
      execFile(
        PWSH!,
        ['-NoProfile', '-NonInteractive', '-Command', script],
        { env: { ...process.env, POOLPILOT_LAB_PIPE: server.path }, timeout: 60_000 },
        (err, out, errText) => (err ? fail(new Error(`pwsh failed: ${err.message}\n${errText}`)) : done(out)),
      ),
    );
    probes = new Map(
      stdout
        .split('\n')
        .filter((l) => l.startsWith('PROBE '))
        .map((l) => JSON.parse(l.slice(6)) as Probe)
        .map((p) => [p.name, p]),
    );
  }, 90_000);

  afterAll(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const probe = (name: string): Probe => {
    const p = probes.get(name);
    if (p === undefined) throw new Error(`probe "${name}" printed nothing; pwsh wrote:\n${stdout}`);
    return p;
  };

  it('refuses a parameter the real cmdlet does not have, as PowerShell does, before the lab sees it', () => {
    expect(probe('unknown parameter')).toMatchObject({
      errorId: 'NamedParameterNotFound,Get-CsPool',
      exception: 'System.Management.Automation.ParameterBindingException',
      message: expect.stringContaining("'Bogus'"),
    });
    expect(engine.state.jobs.some((j) => 'Bogus' in j.parameters)).toBe(false);
  });

  it('refuses two role switches of Get-CsService: each role is a parameter set of its own', () => {
    expect(probe('two role switches')).toMatchObject({ errorId: 'AmbiguousParameterSet,Get-CsService', exception: 'System.Management.Automation.ParameterBindingException' });
  });

  it('refuses a call without a mandatory parameter in a shell that cannot ask for it', () => {
    expect(probe('missing mandatory')).toMatchObject({
      errorId: 'MissingMandatoryParameter,Invoke-CsPoolFailover',
      message: expect.stringContaining('PoolFqdn'),
    });
  });

  it('refuses a value outside the cmdlet’s set, naming the values it takes', () => {
    expect(probe('value outside the set')).toMatchObject({
      errorId: 'ParameterArgumentValidationError,Set-CsPersistentChatState',
      message: expect.stringMatching(/Normal.*FailedOver/),
    });
  });

  it('-WhatIf says on the host what it would do, and the deployment stays as it was', () => {
    const host = stdout.slice(stdout.indexOf('WHATIF-BEGIN'), stdout.indexOf('WHATIF-END'));
    expect(host).toMatch(/What if: .*edgepool1\.contoso\.com/);
    expect(probe('what if').errorId).toBeUndefined();
    expect(engine.state.jobs.find((j) => j.cmdlet === 'Set-CsEdgeServer')).toMatchObject({ whatIf: true });
    // Nothing the probes ran changes anything: the refusals, the -WhatIf, the reads.
    expect(JSON.stringify(engine.state.deployment)).toBe(before);
  });

  it('refuses to fail over a pool that a running Edge pool names as its next hop, in Microsoft’s words', () => {
    expect(probe('next hop refused')).toMatchObject({
      errorId: 'EdgeNextHop,Invoke-CsPoolFailover',
      message: nextHopFailoverError('pool1.contoso.com'),
    });
  });

  it('writes objects with the real type names and the properties the planner reads', () => {
    expect(probe('pool type').output).toEqual({
      type: 'Microsoft.Rtc.Management.Deploy.Internal.Cluster',
      fqdn: 'pool1.contoso.com',
      site: 'Site:Site1',
      computers: ['fe01.contoso.com', 'fe02.contoso.com'],
    });
  });

  it('has the parameters of the reference, and -WhatIf/-Confirm where the cmdlet supports them', () => {
    const { failover, whatIf, edgeConfirm } = probe('parameters').output as { failover: string[]; whatIf: boolean; edgeConfirm: boolean };
    expect(failover).toEqual(expect.arrayContaining(['PoolFqdn', 'DisasterMode', 'FlushStorageService', 'Force', 'WaitTime']));
    expect(failover).not.toContain('Bogus');
    expect(whatIf).toBe(true);
    expect(edgeConfirm).toBe(true);
  });
});

describe('the lab module without its PowerShell', () => {
  it('says which PowerShell it could not start, and the job is reported failed, not lost', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'poolpilot-lab-module-gone-'));
    const gone = join(dir, 'pwsh');
    const lab = new ModuleLab({ executable: gone, modulePath: LAB_MODULE, env: { ...process.env, POOLPILOT_LAB_STATE: join(dir, 'lab.json') }, endpoint: 'fe03.contoso.com', timeoutMs: 5_000, startTimeoutMs: 5_000 });
    try {
      const outcome = await lab.run(cmdletJob('Get-CsPool'));
      expect(outcome).toMatchObject({ status: 'failed', reason: expect.stringContaining(`cannot start ${gone}`) });
    } finally {
      await lab.dispose();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

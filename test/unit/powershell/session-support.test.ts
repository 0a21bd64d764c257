import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Credential, CredentialStoreError, EncryptedFileCredentialStore, type Cipher } from '../../../src/main/powershell/credentials';
import { manualCommand, manualRun } from '../../../src/main/powershell/fallback';
import { jobFromCommand } from '../../../src/main/powershell/from-command';
import { cmdletJob, JobError, parameterCheckJob } from '../../../src/main/powershell/job';
import { windowsPowerShellPath } from '../../../src/main/powershell/session';
import * as commands from '../../../src/shared/powershell/commands';

describe('run it on the server yourself', () => {
  it('renders the job with every value a single-quoted literal, and the check to run after', () => {
    const run = manualRun(cmdletJob('Set-CsEdgeServer', { Identity: 'EdgeServer:edgepool1.contoso.com', Registrar: 'Registrar:pool2.contoso.com' }));
    expect(run).toEqual({
      where: 'any Skype for Business Server Management Shell',
      command: "Set-CsEdgeServer -Identity 'EdgeServer:edgepool1.contoso.com' -Registrar 'Registrar:pool2.contoso.com'",
      check: cmdletJob('Get-CsService', { Identity: 'EdgeServer:edgepool1.contoso.com' }),
      checkCommand: "Get-CsService -Identity 'EdgeServer:edgepool1.contoso.com'",
    });
    const stop = manualRun(cmdletJob('Stop-CsWindowsService', {}, { target: 'edgeserver2.contoso.com' }));
    expect(stop).toMatchObject({ where: 'edgeserver2.contoso.com', command: 'Stop-CsWindowsService', checkCommand: 'Get-CsWindowsService' });
  });

  it('keeps a hostile name one literal, lists and $null as the cmdlets take them', () => {
    expect(manualCommand(cmdletJob('Set-CsSite', { Identity: "Site2'; Stop-Computer; '" }, { whatIf: true }))).toBe("Set-CsSite -Identity 'Site2''; Stop-Computer; ''' -WhatIf");
    expect(manualCommand(cmdletJob('Set-CsPersistentChatActiveServer', { Identity: 'PersistentChatServer:pchat1.contoso.com', ActiveServers: ['a.contoso.com', 'b.contoso.com'] }))).toBe(
      "Set-CsPersistentChatActiveServer -Identity 'PersistentChatServer:pchat1.contoso.com' -ActiveServers 'a.contoso.com','b.contoso.com'",
    );
    expect(manualCommand(cmdletJob('Set-CsPersistentChatActiveServer', { Identity: 'pchat1.contoso.com', ActiveServers: null }))).toMatch(/-ActiveServers \$null$/);
    expect(manualCommand(parameterCheckJob('Set-CsSite'))).toBe("(Get-Command -Name 'Set-CsSite').Parameters.Keys");
  });
});

describe("a plan's commands as jobs", () => {
  it('maps parameters, switches and -WhatIf, and Get-Command to the parameter check', () => {
    expect(jobFromCommand(commands.poolFailover('pool1.contoso.com', true))).toEqual(
      cmdletJob('Invoke-CsPoolFailover', { PoolFqdn: 'pool1.contoso.com' }, { switches: ['DisasterMode', 'Verbose'] }),
    );
    expect(jobFromCommand(commands.cmsFailoverWhatIf(), 'fe03.contoso.com')).toEqual(cmdletJob('Invoke-CsManagementServerFailover', {}, { whatIf: true, target: 'fe03.contoso.com' }));
    expect(jobFromCommand(commands.getCommand('Set-CsSite'))).toEqual(parameterCheckJob('Set-CsSite'));
    expect(jobFromCommand(commands.setChatActiveServers('pchat1.contoso.com', []))).toMatchObject({ parameters: { ActiveServers: null } });
    expect(jobFromCommand(commands.moveManagementServer(), 'fe03.contoso.com')).toMatchObject({ switches: ['Force'], target: 'fe03.contoso.com' });
  });

  it('refuses a command outside the allow-list', () => {
    const command = { cmdlet: 'Remove-Item', parameters: [], text: 'Remove-Item' } as unknown as commands.PsCommand;
    expect(() => jobFromCommand(command)).toThrow(JobError);
  });
});

describe('credentials', () => {
  it('never show the password by accident', () => {
    const credential = new Credential('CONTOSO\\admin', 'S3cret!');
    expect(JSON.stringify({ credential })).not.toContain('S3cret!');
    expect(String(credential)).toBe('Credential(CONTOSO\\admin)');
    expect(inspect(credential)).not.toContain('S3cret!');
    expect(credential.revealPassword()).toBe('S3cret!');
  });

  describe('the encrypted store', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'poolpilot-credentials-'));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    /** Stands in for safeStorage: reversible, and visibly not the plain text. */
    const fake: Cipher = {
      encrypt: (plain) => Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a),
      decrypt: (data) => Buffer.from(data.map((b) => b ^ 0x5a)).toString('utf8'),
    };

    it('saves per endpoint, encrypted, and reads back', async () => {
      const file = join(dir, 'credentials.json');
      const store = new EncryptedFileCredentialStore(file, fake);
      expect(await store.get('fe03.contoso.com')).toBeUndefined();
      await store.set('FE03.contoso.com', new Credential('CONTOSO\\admin', 'S3cret!'));
      const text = await readFile(file, 'utf8');
      expect(text).not.toContain('S3cret!');
      expect(text).not.toContain('admin');
      const back = await store.get('fe03.contoso.com');
      expect([back?.userName, back?.revealPassword()]).toEqual(['CONTOSO\\admin', 'S3cret!']);
      await store.delete('fe03.contoso.com');
      expect(await store.get('fe03.contoso.com')).toBeUndefined();
    });

    it('says which entry cannot be decrypted, without its content', async () => {
      const file = join(dir, 'other.json');
      await new EncryptedFileCredentialStore(file, fake).set('fe03.contoso.com', new Credential('u', 'S3cret!'));
      const wrongKey: Cipher = { encrypt: fake.encrypt, decrypt: () => { throw new Error('bad key'); } };
      await expect(new EncryptedFileCredentialStore(file, wrongKey).get('fe03.contoso.com')).rejects.toThrow(CredentialStoreError);
      await expect(new EncryptedFileCredentialStore(file, wrongKey).get('fe03.contoso.com')).rejects.toThrow(/fe03\.contoso\.com cannot be decrypted/);
    });
  });
});

describe('Windows PowerShell', () => {
  it('is started by its absolute path', () => {
    expect(windowsPowerShellPath({ SystemRoot: 'D:\\Windows' })).toBe('D:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
  });
});

/**
 * The lab told which account its remoting accepts: opening the management session and every job
 * sent to a server (Invoke-Command) refuse a missing or wrong credential as WinRM does; a lab told
 * nothing accepts any, integrated authentication included.
 */
import { describe, expect, it } from 'vitest';
import { parseLabConfig } from '../../../src/lab/config';
import { parseLabCredential, passwordSha256 } from '../../../src/lab/credential';
import { connect, runJob } from '../../../src/lab/state-machine';
import { cmdletJob } from '../../../src/main/powershell/job';
import { AT, demoLab } from './helpers';

const USER = 'CONTOSO\\PoolAdmin';
const PASSWORD = 'Lab-Secret-4f2a';
const credential = { user: USER, passwordSha256: passwordSha256(PASSWORD) };
const FE = 'fe03.contoso.com';

describe('the lab with an account', () => {
  it('opens the session only for that account (the user name in any case, the exact password)', () => {
    const lab = demoLab({ credential });
    expect(connect(lab, FE, { user: 'contoso\\pooladmin', password: PASSWORD }).answer.error).toBeUndefined();
    for (const offered of [undefined, { user: USER, password: 'wrong' }, { user: 'CONTOSO\\other', password: PASSWORD }]) {
      const { state, answer } = connect(lab, FE, offered);
      expect(answer.error).toMatchObject({ errorId: 'AccessDenied,PSSessionOpenFailed', message: expect.stringContaining(`Connecting to remote server ${FE} failed`) });
      expect(answer.error!.message).toContain('Access is denied.');
      expect(state.connected).toBeUndefined();
    }
  });

  it('refuses a job sent to a server without the account, and logs no credential', () => {
    const lab = demoLab({ credential });
    const job = cmdletJob('Get-CsWindowsService', {}, { target: FE });
    expect(runJob(lab, job, AT).answer.error?.errorId).toBe('AccessDenied,PSSessionStateBroken');
    const { state, answer } = runJob(lab, job, AT, { user: USER, password: PASSWORD });
    expect(answer.error).toBeUndefined();
    expect(JSON.stringify(state.jobs)).not.toContain(PASSWORD);
  });

  it('accepts anyone when told no account', () => {
    expect(connect(demoLab(), FE).answer.error).toBeUndefined();
    expect(connect(demoLab(), FE, { user: USER, password: 'anything' }).answer.error).toBeUndefined();
  });

  it('reads the account from its settings: the user and the password\'s SHA-256, never the password', () => {
    const hash = passwordSha256(PASSWORD);
    expect(parseLabConfig(['-Command', '-'], { POOLPILOT_LAB_CREDENTIAL: `${USER}:${hash}` }).conditions.credential).toEqual(credential);
    expect(() => parseLabCredential(`${USER}:${PASSWORD}`)).toThrow(/64 hex digits/);
    expect(() => parseLabCredential(`:${hash}`)).toThrow(/expected <user>/);
  });
});

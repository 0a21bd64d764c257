import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Language, Parser, type Node } from 'web-tree-sitter';
import { ALLOWED_CMDLETS, cmdletJob, JobError, parameterCheckJob, validateJob, type Job } from '../../../src/main/powershell/job';
import { decodePayload, encodePayload, jobOfPayload, PayloadError, type Payload } from '../../../src/main/powershell/payload';
import { JOB_SCRIPT, jobCommandLine, payloadOfCommandLine, SETUP_LINE } from '../../../src/main/powershell/job-script';

const ROOT = resolve(__dirname, '../../..');

/** Values that would run code if they ever reached PowerShell as text. */
const HOSTILE = [
  "Site2'; Stop-Computer -Force; '",
  'Site2$(Stop-Computer)',
  'Site2`"; Remove-Item C:\\ -Recurse #',
  'Site\u2019; Stop-Computer; \u2018',
  'Sïte – 東京 🙂',
];

function payloadOf(job: Job, extra: Partial<Payload> = {}): Payload {
  return { v: 1, id: 'job-1', ...job, ...extra } as Payload;
}

describe('jobs', () => {
  it('accept the allow-listed cmdlets with the parameters and values they take', () => {
    expect(cmdletJob('Invoke-CsPoolFailover', { PoolFqdn: 'pool1.contoso.com' }, { switches: ['DisasterMode', 'Verbose'] })).toEqual({
      kind: 'cmdlet',
      cmdlet: 'Invoke-CsPoolFailover',
      parameters: { PoolFqdn: 'pool1.contoso.com' },
      switches: ['DisasterMode', 'Verbose'],
      whatIf: false,
    });
    expect(() => cmdletJob('Set-CsPersistentChatActiveServer', { Identity: 'PersistentChatServer:pchat1.contoso.com', ActiveServers: null })).not.toThrow();
    expect(parameterCheckJob('Set-CsSite', 'fe03.contoso.com')).toMatchObject({ kind: 'parameters', cmdlet: 'Set-CsSite', target: 'fe03.contoso.com' });
  });

  it('refuse what the allow-list does not permit, naming the cmdlet and parameter', () => {
    const bad: [Job, RegExp][] = [
      [{ kind: 'cmdlet', cmdlet: 'Stop-Computer' as never, parameters: {}, switches: [], whatIf: false }, /"Stop-Computer" is not a cmdlet PoolPilot runs/],
      [{ kind: 'cmdlet', cmdlet: 'Invoke-CsPoolFailover', parameters: { PoolFqdn: 'pool1.contoso.com; Stop-Computer' }, switches: [], whatIf: false }, /-PoolFqdn: .* is not a valid FQDN/],
      [{ kind: 'cmdlet', cmdlet: 'Invoke-CsPoolFailover', parameters: { PoolFQDN: 'pool1.contoso.com' }, switches: [], whatIf: false }, /has no parameter -PoolFQDN/],
      [{ kind: 'cmdlet', cmdlet: 'Get-CsPool', parameters: {}, switches: ['Recurse'], whatIf: false }, /has no switch -Recurse/],
      [{ kind: 'cmdlet', cmdlet: 'Stop-CsWindowsService', parameters: {}, switches: [], whatIf: true }, /has no -WhatIf/],
      [{ kind: 'cmdlet', cmdlet: 'Set-CsSite', parameters: { Identity: 'Site\n2' }, switches: [], whatIf: false }, /-Identity: .* is not a name/],
      [{ kind: 'cmdlet', cmdlet: 'Get-CsDatabaseMirrorState', parameters: { PoolFqdn: 'pool1.contoso.com', DatabaseType: 'User Store' }, switches: [], whatIf: false }, /not a single word/],
      [{ kind: 'cmdlet', cmdlet: 'Get-CsPool', parameters: {}, switches: [], whatIf: false, target: 'fe01' }, /target "fe01" is not a server FQDN/],
      [{ kind: 'parameters', cmdlet: 'Set-CsSite', parameters: { Identity: 'x' }, switches: [], whatIf: false }, /takes no parameters/],
    ];
    for (const [job, message] of bad) {
      expect(() => validateJob(job)).toThrow(JobError);
      expect(() => validateJob(job)).toThrow(message);
    }
  });
});

describe('the payload', () => {
  it('round-trips through one line of ASCII base64', () => {
    const job = cmdletJob('Set-CsSite', { Identity: 'Site2', XmppFederationRoute: 'EdgeServer:edgepool2.contoso.com' }, { target: 'fe03.contoso.com' });
    const base64 = encodePayload(payloadOf(job, { credential: { user: 'CONTOSO\\admin', password: 'p@ss' } }));
    expect(base64).toMatch(/^[A-Za-z0-9+/]+=*$/);
    const back = decodePayload(base64);
    expect(back).toEqual(payloadOf(job, { credential: { user: 'CONTOSO\\admin', password: 'p@ss' } }));
    expect(jobOfPayload(back)).toEqual(job);
  });

  it('keeps hostile values as data: the command line holds only the fixed script and base64', () => {
    for (const value of HOSTILE) {
      const job = cmdletJob('Set-CsSite', { Identity: value });
      const line = jobCommandLine(encodePayload(payloadOf(job)));
      expect(line).toMatch(/^[\x20-\x7e]+$/);
      expect(line.startsWith(`& { ${JOB_SCRIPT} } '`)).toBe(true);
      const base64 = payloadOfCommandLine(line)!;
      expect(base64).toMatch(/^[A-Za-z0-9+/]*=*$/);
      expect(jobOfPayload(decodePayload(base64))!.parameters.Identity).toBe(value);
    }
  });

  it('is refused when it is not what the session sends', () => {
    const encode = (raw: unknown) => Buffer.from(JSON.stringify(raw)).toString('base64');
    const good = payloadOf(cmdletJob('Get-CsPool'));
    expect(() => decodePayload('not base64!')).toThrow(PayloadError);
    expect(() => decodePayload(Buffer.from('{"v":1').toString('base64'))).toThrow(/not JSON/);
    expect(() => decodePayload(encode({ ...good, cmdlet: 'Invoke-Expression' }))).toThrow(/cmdlet: not an allowed cmdlet/);
    expect(() => decodePayload(encode({ ...good, script: 'Stop-Computer' }))).toThrow(PayloadError);
    expect(() => decodePayload(encode({ ...good, v: 2 }))).toThrow(PayloadError);
    expect(() => decodePayload(encode({ ...good, parameters: { Identity: 'x y' } }))).toThrow(/-Identity/);
    expect(() => decodePayload(encode({ v: 1, id: 'c', kind: 'connect', endpoint: 'https://evil' }))).toThrow(/endpoint/);
  });
});

describe('the job command line', () => {
  it('is recognised only exactly as the session writes it', () => {
    const base64 = encodePayload(payloadOf(cmdletJob('Get-CsPool')));
    const line = jobCommandLine(base64);
    expect(payloadOfCommandLine(line)).toBe(base64);
    expect(payloadOfCommandLine(`${line}; Stop-Computer`)).toBeUndefined();
    expect(payloadOfCommandLine(`${line.slice(0, -1)}'; Stop-Computer; '`)).toBeUndefined();
    expect(payloadOfCommandLine(line.replace('Get-CsPool', 'Get-CsPooL'))).toBeUndefined();
    expect(payloadOfCommandLine('Stop-Computer')).toBeUndefined();
    expect(() => jobCommandLine("x'; Stop-Computer; '")).toThrow(/base64/);
  });

  it('embeds the allow-list, so the script checks the cmdlet itself', () => {
    for (const cmdlet of ALLOWED_CMDLETS) expect(JOB_SCRIPT).toContain(`'${cmdlet}'`);
    expect(JOB_SCRIPT).not.toContain('#');
    expect(JOB_SCRIPT).not.toMatch(/[\r\n]/);
  });

  describe('read by the PowerShell grammar (tree-sitter-powershell)', () => {
    let parser: Parser;
    beforeAll(async () => {
      await Parser.init();
      parser = new Parser();
      parser.setLanguage(await Language.load(resolve(ROOT, 'node_modules/tree-sitter-powershell/tree-sitter-powershell.wasm')));
    });

    const errors = (node: Node): string[] => [...(node.type === 'ERROR' || node.isMissing ? [node.text.slice(0, 80)] : []), ...node.children.flatMap((c) => (c ? errors(c) : []))];

    it('parses the setup line without an error', () => {
      expect(errors(parser.parse(SETUP_LINE)!.rootNode)).toEqual([]);
    });

    it('parses without an error as one command: & { script } with one single-quoted argument, the payload', () => {
      const base64 = encodePayload(payloadOf(cmdletJob('Set-CsSite', { Identity: HOSTILE[0]! })));
      const tree = parser.parse(jobCommandLine(base64))!;
      expect(errors(tree.rootNode)).toEqual([]);
      const statements = tree.rootNode.namedChildren[0]!;
      expect(statements.namedChildCount).toBe(1);
      let command = statements.namedChildren[0]!;
      while (command.type !== 'command') command = command.namedChildren[0]!;
      const [operator, name, elements] = command.namedChildren;
      expect(operator!.type).toBe('command_invokation_operator');
      expect(name!.text).toBe(`{ ${JOB_SCRIPT} }`);
      const args = elements!.namedChildren.filter((n) => n!.type !== 'command_argument_sep');
      expect(args).toHaveLength(1);
      expect(args[0]!.text).toBe(`'${base64}'`);
      expect(args[0]!.descendantsOfType('verbatim_string_characters')).toHaveLength(1);
    });
  });
});

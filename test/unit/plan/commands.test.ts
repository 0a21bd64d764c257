import { describe, expect, it } from 'vitest';
import {
  cmdletInfo,
  cmsFailover,
  getSite,
  installCmsDatabase,
  poolFailback,
  poolFailover,
  setChatActiveServers,
  setChatState,
  setEdgeNextHop,
  setSiteXmppRoute,
  type PsCommand,
} from '../../../src/shared/powershell/commands';
import { PowerShellQuoteError, psLiteral } from '../../../src/shared/powershell/quote';

/** The text a command's data describes: what commands.ts must have rendered. */
function render(c: PsCommand): string {
  const arg = (a: PsCommand['parameters'][number]['argument']) =>
    a.kind === 'switch' ? '' : a.kind === 'null' ? ' $null' : a.kind === 'literal' ? ` ${psLiteral(a.value)}` : ` ${a.values.map(psLiteral).join(',')}`;
  return c.cmdlet + c.parameters.map((p) => ` -${p.name}${arg(p.argument)}`).join('');
}

describe('command builders', () => {
  it('render the text from the data they return', () => {
    const commands = [
      setEdgeNextHop('edgepool1.contoso.com', 'pool2.contoso.com'),
      poolFailover('pool1.contoso.com', true),
      poolFailback('pool1.contoso.com', false),
      cmsFailover({ principal: { server: 'sql2b.contoso.com', instance: 'rtc' }, partner: { server: 'sql2a.contoso.com', instance: 'rtc' }, style: 'reference', force: true }),
      setChatActiveServers('pchat1.contoso.com', ['a.contoso.com', 'b.contoso.com']),
      setChatActiveServers('pchat1.contoso.com', []),
      setChatState('pchat1.contoso.com', 'FailedOver'),
      setSiteXmppRoute("O'Brien site", 'XmppFederationRoute', 'edgeserver2.contoso.com', 'edgepool2.contoso.com'),
    ];
    for (const c of commands) expect(c.text).toBe(render(c));
    expect(commands[1]!.parameters).toEqual([
      { name: 'PoolFqdn', argument: { kind: 'literal', value: 'pool1.contoso.com' } },
      { name: 'DisasterMode', argument: { kind: 'switch' } },
      { name: 'Verbose', argument: { kind: 'switch' } },
    ]);
    expect(commands[7]!.text).toBe("Set-CsSite -Identity 'O''Brien site' -XmppFederationRoute 'EdgeServer:edgepool2.contoso.com'");
  });

  it('refuse an FQDN that is not one before any text exists', () => {
    for (const bad of ["pool1'.contoso.com", 'Pool1.Contoso.com', 'pool1', 'pool1.contoso.com;whoami', '$(x).contoso.com']) {
      expect(() => setEdgeNextHop('edgepool1.contoso.com', bad), bad).toThrow(PowerShellQuoteError);
      expect(() => setChatActiveServers('pchat1.contoso.com', ['a.contoso.com', bad]), bad).toThrow(/not a valid FQDN/);
    }
  });

  it('refuse names with control characters, and empty names', () => {
    expect(() => getSite('Site\n2')).toThrow('the site name "Site\\n2" contains a control character');
    expect(() => getSite('')).toThrow(/site name is empty/);
    expect(() => installCmsDatabase({ server: 'sql1.contoso.com', instance: 'rtc\u0000' })).toThrow(/SQL Server instance name/);
  });

  it('leave out the instance parameter for a default SQL instance', () => {
    expect(installCmsDatabase({ server: 'sql1.contoso.com', instance: '' }).text).toBe("Install-CsDatabase -CentralManagementDatabase -Clean -SqlServerFqdn 'sql1.contoso.com'");
  });

  it('know which cmdlets change the deployment and which take -WhatIf', () => {
    expect(cmdletInfo('Get-CsSite')).toEqual({ effect: 'reads', whatIf: false });
    expect(cmdletInfo('Invoke-CsPoolFailover')).toEqual({ effect: 'changes', whatIf: true });
    expect(cmdletInfo('Move-CsManagementServer')).toEqual({ effect: 'changes', whatIf: false });
  });
});

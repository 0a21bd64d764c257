/**
 * Every command of every golden plan, and the exported `.ps1`, through a real PowerShell grammar
 * (tree-sitter-powershell): the text people see and run is one command with the intended
 * parameters, its values single-quoted literals, nothing that PowerShell would expand or run.
 */
import type { Parser } from 'web-tree-sitter';
import { beforeAll, describe, expect, it } from 'vitest';
import { planToPs1 } from '../../../src/shared/export/ps1';
import { setChatActiveServers, setEdgeNextHop, setSiteXmppRoute, type PsCommand } from '../../../src/shared/powershell/commands';
import { checkCommand, parse, powerShellParser, quotesPaired, syntaxErrors } from './ps-parser';
import { allCommands, goldenPlans } from './scenarios';

let parser: Parser;
beforeAll(async () => {
  parser = await powerShellParser();
});

const plans = goldenPlans();

describe('the grammar check itself', () => {
  const forged = (text: string, base: PsCommand): PsCommand => ({ ...base, text });
  const good = setEdgeNextHop('edgepool1.contoso.com', 'pool2.contoso.com');

  it('accepts the command as built', () => {
    expect(() => checkCommand(parser, good)).not.toThrow();
  });

  it('catches a subexpression, a second command, a bare word and a missing parameter', () => {
    expect(() => checkCommand(parser, forged(`Set-CsEdgeServer -Identity "EdgeServer:$(hostname)" -Registrar 'Registrar:pool2.contoso.com'`, good))).toThrow();
    expect(() => checkCommand(parser, forged(`${good.text}; Stop-Computer`, good))).toThrow(/2 commands|pipeline/);
    expect(() => checkCommand(parser, forged("Set-CsEdgeServer -Identity EdgeServer:edgepool1.contoso.com -Registrar 'Registrar:pool2.contoso.com'", good))).toThrow(/generic_token/);
    expect(() => checkCommand(parser, forged("Set-CsEdgeServer -Identity 'EdgeServer:edgepool1.contoso.com'", good))).toThrow(/parameters/);
  });

  it('sees a typographic quote the grammar takes for a letter', () => {
    expect(quotesPaired("'a‘‘b'")).toBe(true);
    expect(quotesPaired("'a‘b'")).toBe(false);
  });
});

describe('every command of every golden plan', () => {
  it.each(Object.keys(plans))('%s', (name) => {
    const commands = allCommands(plans[name]!);
    expect(commands.length).toBeGreaterThan(0);
    for (const command of commands) checkCommand(parser, command);
  });

  it('a list of servers and $null, the only variable, for Set-CsPersistentChatActiveServer', () => {
    checkCommand(parser, setChatActiveServers('pchat1.contoso.com', ['a.contoso.com', 'b.contoso.com']));
    checkCommand(parser, setChatActiveServers('pchat1.contoso.com', []));
  });

  it('names with every kind of quote, subexpressions and backticks stay one literal', () => {
    for (const site of ["O'Brien", 'Site ‘1’ ‚2‛', '$(Stop-Computer)', '`whoami`; Remove-Item C:\\', '–Force', '"double" “curly”', "''''"]) {
      checkCommand(parser, setSiteXmppRoute(site, 'XmppExternalFederationRoute', 'edgeserver2.contoso.com', 'edgepool2.contoso.com'));
    }
  });
});

describe('the exported .ps1', () => {
  it.each(Object.keys(plans))('%s parses, holds every command of the plan as a statement, and expands no data', (name) => {
    const plan = plans[name]!;
    const script = planToPs1(plan);
    const tree = parse(parser, script);
    expect(syntaxErrors(tree)).toEqual([]);
    // The prelude writes no double-quoted string; so no data can be expanded anywhere.
    expect(tree.rootNode.descendantsOfType(['expandable_string_literal', 'expandable_here_string_literal'])).toEqual([]);
    const statements = new Set(tree.rootNode.descendantsOfType('command').map((c) => c.text));
    for (const command of allCommands(plan)) expect(statements, command.text).toContain(command.text);
    for (const literal of tree.rootNode.descendantsOfType('string_literal')) expect(quotesPaired(literal.text), literal.text).toBe(true);
  });

  it('starts a transcript before any step and stops on errors', () => {
    const script = planToPs1(plans['pool1-failover']!);
    const transcript = script.indexOf('Start-Transcript');
    expect(transcript).toBeGreaterThan(0);
    expect(transcript).toBeLessThan(script.indexOf('Write-PlanStep -Number'));
    expect(script).toContain("$ErrorActionPreference = 'Stop'");
    expect(script.startsWith('\uFEFF')).toBe(true);
  });
});

/**
 * The offline collector (resources/ps/collector.ps1) through a real PowerShell grammar: it parses,
 * and every command it runs only reads — Get- cmdlets, output helpers, and its own functions.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Node, Parser } from 'web-tree-sitter';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, powerShellParser, syntaxErrors } from '../plan/ps-parser';

const SCRIPT = resolve(__dirname, '../../../resources/ps/collector.ps1');
/** Pipeline and output helpers: they shape or write the collected data, and change nothing in the deployment. */
const HELPERS = ['ConvertTo-Json', 'Out-File', 'Select-Object', 'Where-Object', 'ForEach-Object', 'Write-Verbose', 'Write-Output', 'New-Object'];
const CHANGING = /^(Set|Invoke|Move|Install|Remove|New-Cs|Enable|Disable|Start|Stop|Import-Cs|Export-Cs|Update|Grant|Revoke|Reset|Clear|Add|Publish|Uninstall|Restart)-/i;

let parser: Parser;
beforeAll(async () => {
  parser = await powerShellParser();
});

function all(node: Node, type: string): Node[] {
  const out: Node[] = node.type === type ? [node] : [];
  for (const c of node.children) out.push(...all(c, type));
  return out;
}

function commandsOf(text: string) {
  const tree = parse(parser, text);
  const defined = all(tree.rootNode, 'function_name').map((n) => n.text);
  const commands = all(tree.rootNode, 'command').map((c) => c.childForFieldName('command_name')?.text ?? c.text);
  return { errors: syntaxErrors(tree), defined, commands };
}

describe('the collector script', () => {
  const text = readFileSync(SCRIPT, 'utf8');

  it('parses without a syntax error', () => {
    expect(commandsOf(text).errors).toEqual([]);
  });

  it('runs only read cmdlets, output helpers and its own functions', () => {
    const { defined, commands } = commandsOf(text);
    expect(defined.sort()).toEqual(['ConvertTo-EnumName', 'ConvertTo-Plain', 'Read-Query']);
    const unexpected = commands.filter((c) => !/^Get-/i.test(c) && !HELPERS.includes(c) && !defined.includes(c) && !/^\$(Query|LocalStoreQuery)$/.test(c));
    expect(unexpected).toEqual([]);
    expect(commands.filter((c) => CHANGING.test(c))).toEqual([]);
    // It does ask what the app's discovery asks.
    for (const c of ['Get-CsTopology', 'Get-CsSite', 'Get-CsPool', 'Get-CsPoolBackupRelationship', 'Get-CsService', 'Get-CsManagementStoreReplicationStatus', 'Get-CsPersistentChatState', 'Get-CsPersistentChatActiveServer', 'Get-CsBackupServiceStatus'])
      expect(commands).toContain(c);
  });

  it('the check catches a changing cmdlet', () => {
    const forged = commandsOf(`${text}\nInvoke-CsPoolFailover -PoolFqdn 'pool1.contoso.com'\n`);
    expect(forged.commands.filter((c) => CHANGING.test(c))).toEqual(['Invoke-CsPoolFailover']);
  });
});

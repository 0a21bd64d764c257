/**
 * A real PowerShell grammar for the tests: tree-sitter-powershell's prebuilt WebAssembly, loaded
 * offline by web-tree-sitter. `checkCommand` asserts what a generated command must be: one command
 * with the intended parameters in order, every value a single-quoted literal, nothing PowerShell
 * would expand or run.
 */
import { resolve } from 'node:path';
import { Language, Parser, type Node, type Tree } from 'web-tree-sitter';
import type { PsCommand } from '../../../src/shared/powershell/commands';
import { psLiteral } from '../../../src/shared/powershell/quote';

const ROOT = resolve(__dirname, '../../..');

let parser: Parser | undefined;

export async function powerShellParser(): Promise<Parser> {
  if (!parser) {
    await Parser.init();
    const language = await Language.load(resolve(ROOT, 'node_modules/tree-sitter-powershell/tree-sitter-powershell.wasm'));
    parser = new Parser();
    parser.setLanguage(language);
  }
  return parser;
}

export function parse(p: Parser, text: string): Tree {
  const tree = p.parse(text);
  if (!tree) throw new Error('the parser returned no tree');
  return tree;
}

/** Node types through which PowerShell expands or runs something, or takes a bare word. */
export const ACTIVE_NODES = [
  'variable',
  'braced_variable',
  'sub_expression',
  'array_expression',
  'script_block',
  'script_block_expression',
  'expandable_string_literal',
  'expandable_here_string_literal',
  'hash_literal_expression',
  'parenthesized_expression',
  'invokation_expression',
  'member_access',
  'generic_token',
  'redirection',
  'stop_parsing',
  'verbatim_command_argument',
];

/** Every character PowerShell reads as a single quote. */
const QUOTES = /['\u2018\u2019\u201A\u201B]+/g;

/** Inside a single-quoted literal, every run of quote-class characters has even length (each one doubled). */
export function quotesPaired(literal: string): boolean {
  const inner = literal.slice(1, -1);
  return (inner.match(QUOTES) ?? []).every((run) => run.length % 2 === 0);
}

function errors(node: Node): string[] {
  const out: string[] = [];
  const walk = (n: Node) => {
    if (n.isError || n.isMissing) out.push(`${n.type} at ${n.startPosition.row + 1}:${n.startPosition.column + 1}: ${JSON.stringify(n.text.slice(0, 60))}`);
    for (const c of n.children) walk(c);
  };
  walk(node);
  return out;
}

export function syntaxErrors(tree: Tree): string[] {
  return errors(tree.rootNode);
}

interface ParsedParameter {
  name: string;
  argument?: Node;
}

/** Throws (with the command text) unless `command.text` parses as exactly `command` says. */
export function checkCommand(p: Parser, command: PsCommand): void {
  const text = command.text;
  const fail = (why: string): never => {
    throw new Error(`${why}: ${text}`);
  };
  const tree = parse(p, text);
  const root = tree.rootNode;
  const problems = syntaxErrors(tree);
  if (problems.length > 0) fail(`does not parse (${problems.join('; ')})`);
  if (root.descendantsOfType('pipeline').length !== 1) fail('is not one pipeline');
  const commands = root.descendantsOfType('command');
  if (commands.length !== 1) fail(`is ${commands.length} commands, not one`);
  const node = commands[0]!;
  if (node.childForFieldName('command_name')?.text !== command.cmdlet) fail(`does not call ${command.cmdlet}`);

  const parameters: ParsedParameter[] = [];
  for (const child of node.childForFieldName('command_elements')?.children ?? []) {
    if (child.type === 'command_argument_sep') continue;
    if (child.type === 'command_parameter') parameters.push({ name: child.text.replace(/^-/, '') });
    else if (parameters.length > 0 && parameters.at(-1)!.argument === undefined) parameters.at(-1)!.argument = child;
    else fail(`has a positional argument ${JSON.stringify(child.text)}`);
  }
  if (JSON.stringify(parameters.map((x) => x.name)) !== JSON.stringify(command.parameters.map((x) => x.name))) {
    fail(`has parameters ${parameters.map((x) => x.name).join(',')}, not ${command.parameters.map((x) => x.name).join(',')}`);
  }

  command.parameters.forEach((intended, i) => {
    const argument = parameters[i]!.argument;
    const a = intended.argument;
    if (a.kind === 'switch') {
      if (argument) fail(`-${intended.name} is a switch but has an argument`);
      return;
    }
    if (!argument) return fail(`-${intended.name} has no argument`);
    if (a.kind === 'null') {
      const variables = argument.descendantsOfType('variable');
      if (argument.text !== '$null' || variables.length !== 1) fail(`-${intended.name} should be $null`);
      return;
    }
    const active = argument.descendantsOfType(ACTIVE_NODES);
    if (active.length > 0) fail(`-${intended.name} holds ${active.map((n) => n.type).join(', ')}`);
    const literals = argument.descendantsOfType('string_literal');
    const values = a.kind === 'literal' ? [a.value] : a.values;
    if (literals.length !== values.length) fail(`-${intended.name} holds ${literals.length} literals, not ${values.length}`);
    literals.forEach((literal, k) => {
      if (!literal.text.startsWith("'")) fail(`-${intended.name} is not single-quoted`);
      if (literal.text !== psLiteral(values[k]!)) fail(`-${intended.name} is ${literal.text}, not the literal of ${JSON.stringify(values[k])}`);
      if (!quotesPaired(literal.text)) fail(`-${intended.name} has an unpaired quote character`);
    });
  });

  const stray = root.descendantsOfType(ACTIVE_NODES).filter((n) => !(n.type === 'variable' && n.text === '$null' && command.parameters.some((x) => x.argument.kind === 'null')));
  if (stray.length > 0) fail(`contains ${stray.map((n) => n.type).join(', ')}`);
}

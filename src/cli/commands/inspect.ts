/** `poolpilot inspect <file|snapshot|demo> [--json]`: what PoolPilot reads from a source. */
import { inspectJson, inspectText } from '../../shared/model/inspect';
import { openDemo, openFile } from '../../main/services/open-source';
import { parseCommandArgs, UsageError, type CliCommand } from '../command';

export const inspectCommand: CliCommand = {
  name: 'inspect',
  summary: 'show the sites, pools, relations and warnings PoolPilot reads from a topology file, snapshot or the demo',
  usage: [
    'usage: poolpilot inspect <file|snapshot|demo> [--json]',
    '',
    '  <file>      a topology document (Get-CsTopology -AsXml output, or a Topology Builder .tbxml)',
    '              or a PoolPilot snapshot; a file actually named "demo" is ./demo',
    '  demo        the built-in demo deployment',
    '  --json      machine-readable output: {"sites", "pools", "relations", "warnings", ...}',
  ].join('\n'),
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('inspect', args, { json: { type: 'boolean' } });
    if (positionals.length !== 1)
      throw new UsageError(`inspect: expected one file (or "demo"), got ${positionals.length === 0 ? 'none' : positionals.length}`);
    const source = positionals[0]!;
    const { deployment, issues } = source === 'demo' ? openDemo() : await openFile(source);
    io.out(values.json ? `${JSON.stringify(inspectJson(deployment, issues), null, 2)}\n` : inspectText(deployment, issues));
  },
};

/** `poolpilot diff <a> <b> [--json]`: what changed between two snapshots, topology files or the demo. */
import { diffDeployments, diffText } from '../../shared/discovery/diff';
import { openDemo, openFile } from '../../main/services/open-source';
import { parseCommandArgs, UsageError, type CliCommand } from '../command';

export const diffCommand: CliCommand = {
  name: 'diff',
  summary: 'list what changed between two snapshots (pools, machines, next hops, pairs, routes, CMS, Persistent Chat, failovers)',
  usage: [
    'usage: poolpilot diff <a> <b> [--json]',
    '',
    '  <a> <b>   snapshots, topology documents, or "demo"; changes are listed from <a> to <b>',
    '  --json    machine-readable output: [{"kind", "subject", "before"?, "after"?}, ...]',
  ].join('\n'),
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('diff', args, { json: { type: 'boolean' } });
    if (positionals.length !== 2) throw new UsageError(`diff: expected two files (or "demo"), got ${positionals.length}`);
    const [a, b] = await Promise.all(positionals.map((p) => (p === 'demo' ? openDemo() : openFile(p))));
    const entries = diffDeployments(a!.deployment, b!.deployment);
    io.out(values.json ? `${JSON.stringify(entries, null, 2)}\n` : diffText(entries));
  },
};

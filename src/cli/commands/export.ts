/**
 * `poolpilot export <file|snapshot|demo> --format drawio|svg --out FILE`: the deployment graph as a
 * draw.io diagram or an SVG picture. A snapshot's saved layout (its node positions) is used when it
 * places every pool; otherwise pools are laid out in a grid per site.
 */
import { writeFileAtomic } from '../../main/services/atomic-write';
import { openDemo, openFile } from '../../main/services/open-source';
import { DIAGRAM_WRITERS as FORMATS } from '../../shared/export/diagram-writers';
import { formatIssue } from '../../shared/model/inspect';
import { parseCommandArgs, UsageError, type CliCommand } from '../command';

type Format = keyof typeof FORMATS;

function chooseFormat(format: string | undefined, out: string): Format {
  if (format !== undefined) {
    if (!(format in FORMATS)) throw new UsageError(`export: --format must be drawio or svg, got "${format}"`);
    return format as Format;
  }
  const extension = out.match(/\.([a-z0-9]+)$/i)?.[1]?.toLowerCase();
  if (extension === 'svg') return 'svg';
  if (extension === 'drawio' || extension === 'xml') return 'drawio';
  throw new UsageError('export: --format drawio|svg is required when --out does not end in .drawio or .svg');
}

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'draw the deployment graph as a draw.io diagram or an SVG picture',
  usage: [
    'usage: poolpilot export <file|snapshot|demo> [--format drawio|svg] --out FILE',
    '',
    '  <file>           a topology document or a PoolPilot snapshot (its saved layout is used)',
    '  demo             the built-in demo deployment',
    '  --format F       drawio (uncompressed mxGraph XML) or svg; by default follows the extension of --out',
    '  --out FILE       where to write it (written atomically)',
  ].join('\n'),
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('export', args, { format: { type: 'string' }, out: { type: 'string' } });
    if (positionals.length !== 1)
      throw new UsageError(`export: expected one file (or "demo"), got ${positionals.length === 0 ? 'none' : positionals.length}`);
    if (values.out === undefined) throw new UsageError('export: --out FILE is required');
    const format = chooseFormat(values.format, values.out);
    let opened: Awaited<ReturnType<typeof openFile>>;
    try {
      opened = positionals[0] === 'demo' ? openDemo() : await openFile(positionals[0]!);
    } catch (err) {
      throw new UsageError(err instanceof Error ? err.message : String(err));
    }
    for (const issue of opened.issues) io.err(`${formatIssue(issue)}\n`);
    const { deployment } = opened;
    const text = FORMATS[format](deployment, opened.positions ? { positions: opened.positions } : {});
    await writeFileAtomic(values.out, text);
    const t = deployment.topology;
    io.out(`wrote ${values.out}: ${t.sites.length} site${t.sites.length === 1 ? '' : 's'}, ${t.pools.length} pool${t.pools.length === 1 ? '' : 's'} (${format})\n`);
    return 0;
  },
};

/** `poolpilot synth --pools N [--out file.xml]`: a synthetic published topology, for scale tests and demos. */
import { synthTopologyXml } from '../../shared/topology/synth';
import { writeFileAtomic } from '../../main/services/atomic-write';
import { parseCommandArgs, UsageError, type CliCommand } from '../command';

/** Far beyond any real deployment; keeps a typo (an extra zero or three) from filling the disk. */
const MAX_POOLS = 100_000;

export const synthCommand: CliCommand = {
  name: 'synth',
  summary: 'write a synthetic published topology with N pools',
  usage: [
    'usage: poolpilot synth --pools N [--out file.xml]',
    '',
    `  --pools N   number of pools, 1 to ${MAX_POOLS}`,
    '  --out FILE  where to write the XML (written atomically); without it the XML goes to stdout',
  ].join('\n'),
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('synth', args, {
      pools: { type: 'string' },
      out: { type: 'string' },
    });
    if (positionals.length > 0) throw new UsageError(`synth: unexpected argument "${positionals[0]}"`);
    if (values.pools === undefined) throw new UsageError('synth: --pools N is required');
    const pools = /^\d+$/.test(values.pools) ? Number(values.pools) : NaN;
    if (!(pools >= 1 && pools <= MAX_POOLS))
      throw new UsageError(`synth: --pools must be a whole number from 1 to ${MAX_POOLS}, got "${values.pools}"`);
    const xml = synthTopologyXml(pools);
    if (values.out === undefined) {
      io.out(xml);
      return;
    }
    await writeFileAtomic(values.out, xml);
    io.out(`wrote ${values.out}: ${pools} pool${pools === 1 ? '' : 's'}, ${Buffer.byteLength(xml)} bytes\n`);
  },
};

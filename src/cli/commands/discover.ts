/**
 * `poolpilot discover`: reads a live deployment (or the lab) through PowerShell and saves what it
 * found as a snapshot. Each query's progress goes to stderr; a query that fails is named there and
 * in the snapshot, which is saved anyway (marked incomplete) and the exit code is then 1. A session
 * that cannot connect saves nothing (discover.ts's DiscoveryConnectionError, printed as the failure).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { openSession, type RunJobs } from '../../main/run/connect';
import { discoverDeployment, saveDiscoverySnapshot } from '../../main/discovery/discover';
import { writeFileAtomic } from '../../main/services/atomic-write';
import { readCollection } from '../../shared/discovery/collection';
import { serializeSnapshot, type Snapshot } from '../../shared/snapshot/snapshot';
import { PowerShellSession } from '../../main/powershell/session';
import { isStrictFqdn } from '../../shared/powershell/quote';
import type { TopologySource } from '../../shared/model/types';
import { parseCommandArgs, UsageError, type CliCommand } from '../command';
import { cliLabRunner } from '../lab-runner';

/** A discovery reads a few dozen things; one of them taking longer than this is stuck. */
const DISCOVERY_TIMEOUT_MS = 5 * 60_000;

export const discoverCommand: CliCommand = {
  name: 'discover',
  summary: 'read a live deployment (or the lab) through PowerShell and save it as a snapshot',
  usage: [
    'usage: poolpilot discover (--server <fqdn> | --lab <file|demo> [--lab-state <file>] | --collection <file>) --out <snapshot.json>',
    '',
    '  --server <fqdn>     a Front End pool or server: connects to https://<fqdn>/OcsPowershell with',
    '                      Windows PowerShell 5.1 and integrated authentication (Windows only)',
    '  --lab <file|demo>   the simulated deployment, started from a topology file or the demo',
    '  --lab-state <file>  the lab\'s state file (a failover made in the lab is kept there)',
    '  --collection <file> what resources/ps/collector.ps1 wrote on a Front End (no connection needed)',
    '  --out <file>        where the snapshot goes (written atomically)',
    '',
    'Exit code 1 when a query failed: the snapshot is still saved, marked incomplete, naming it.',
  ].join('\n'),
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('discover', args, {
      server: { type: 'string' },
      lab: { type: 'string' },
      'lab-state': { type: 'string' },
      out: { type: 'string' },
      collection: { type: 'string' },
    });
    if (positionals.length > 0) throw new UsageError(`discover: unexpected argument ${JSON.stringify(positionals[0])}`);
    if (values.out === undefined) throw new UsageError('discover: --out <snapshot.json> is required');
    if ([values.server, values.lab, values.collection].filter((v) => v !== undefined).length !== 1)
      throw new UsageError('discover: give exactly one of --server <fqdn>, --lab <file|demo> and --collection <file>');
    if (values['lab-state'] !== undefined && values.lab === undefined) throw new UsageError('discover: --lab-state goes with --lab');
    const out = resolve(values.out);
    const report = (snapshot: Snapshot) => {
      const { pools } = snapshot.deployment.topology;
      io.out(`${out}: ${pools.length} pool${pools.length === 1 ? '' : 's'}${snapshot.incomplete ? ', incomplete' : ''}\n`);
      for (const reason of snapshot.incomplete?.reasons ?? []) io.err(`incomplete: ${reason}\n`);
      return snapshot.incomplete ? 1 : 0;
    };
    if (values.collection !== undefined) {
      const file = resolve(values.collection);
      const { snapshot } = readCollection(await readFile(file, 'utf8'), file);
      await writeFileAtomic(out, serializeSnapshot(snapshot));
      return report(snapshot);
    }

    let session: RunJobs;
    let source: TopologySource;
    if (values.server !== undefined) {
      const server = values.server.toLowerCase();
      if (!isStrictFqdn(server)) throw new UsageError(`discover: --server ${JSON.stringify(values.server)} is not a server or pool FQDN`);
      session = new PowerShellSession({ endpoint: server, startTimeoutMs: 60_000, timeoutMs: DISCOVERY_TIMEOUT_MS });
      source = { kind: 'discovery', name: `Discovered from ${server}` };
    } else {
      const lab = values.lab!;
      // Without --lab-state the lab's state lives in a temporary folder for this discovery only.
      const scratch = values['lab-state'] === undefined ? await mkdtemp(join(tmpdir(), 'poolpilot-discover-')) : undefined;
      const statePath = values['lab-state'] !== undefined ? resolve(values['lab-state']) : join(scratch!, 'lab-state.json');
      const connection = { kind: 'lab' as const, source: lab === 'demo' ? 'demo' : resolve(lab), statePath, down: [], timeoutMs: DISCOVERY_TIMEOUT_MS };
      const opened = openSession(connection, { lab: await cliLabRunner((t) => io.err(t), 'discover') });
      session = { run: (job, o) => opened.run(job, o), dispose: async () => { await opened.dispose(); if (scratch) await rm(scratch, { recursive: true, force: true }); } };
      source = { kind: 'discovery', name: `Discovered from the lab (${lab === 'demo' ? 'demo' : basename(lab)})` };
    }

    try {
      const result = await discoverDeployment(session, {
        source,
        onProgress: (p) => {
          if (p.status !== 'running') io.err(`${p.status === 'succeeded' ? 'ok    ' : 'FAILED'} ${p.query}${p.message ? `: ${p.message}` : ''}\n`);
        },
      });
      return report(await saveDiscoverySnapshot(out, result));
    } finally {
      await session.dispose();
    }
  },
};

/**
 * A discovered deployment from the topology document and the read queries' results — the one path
 * both a live discovery (src/main/discovery) and the offline collector's file (collection.ts) take.
 */
import type { Deployment, ImportIssue, Topology, TopologySource } from '../model/types';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type Snapshot } from '../snapshot/snapshot';
import { importTopology } from '../topology/import';
import { readDiscoveryResults, type DiscoveryResults } from './read';

/** A read query that failed: the query as one line, and why. */
export interface DiscoveryFailure {
  query: string;
  message: string;
}

export interface Discovered {
  deployment: Deployment;
  issues: ImportIssue[];
  /** Queries that failed, in order (a topology that could not be read is one of them). */
  failed: DiscoveryFailure[];
}

const EMPTY_TOPOLOGY: Topology = { sites: [], pools: [], sqlInstances: [], services: [] };
const TOPOLOGY_QUERY = 'Get-CsTopology -AsXml';

/** `topologyXml` undefined: the topology query failed (and is already among `failed`). */
export function discoveredDeployment(topologyXml: string | undefined, results: DiscoveryResults, source: TopologySource, failed: DiscoveryFailure[] = []): Discovered {
  const issues: ImportIssue[] = [];
  const failures = [...failed];
  let topology = EMPTY_TOPOLOGY;
  if (topologyXml !== undefined) {
    try {
      const imported = importTopology(topologyXml, { fileName: TOPOLOGY_QUERY });
      topology = imported.topology;
      issues.push(...imported.issues);
    } catch (err) {
      failures.push({ query: TOPOLOGY_QUERY, message: `cannot read the topology: ${err instanceof Error ? err.message : String(err)}` });
    }
  }
  const read = readDiscoveryResults(topology, results);
  return { deployment: { topology: read.topology, state: read.state, source }, issues: [...issues, ...read.issues], failed: failures };
}

/** The snapshot of a discovery: marked incomplete, naming each failed query, when any failed. */
export function discoveredSnapshot(d: Discovered, takenAt: string): Snapshot {
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    takenAt,
    deployment: d.deployment,
    ...(d.failed.length > 0 ? { incomplete: { reasons: d.failed.map((f) => `${f.query} failed: ${f.message}`) } } : {}),
  };
}

/**
 * Opening a deployment source: a PoolPilot snapshot, a topology document (published XML or
 * Topology Builder .tbxml, any of the encodings admins save them in), or the built-in demo.
 * Used by the IPC handlers and the CLI alike, so it takes paths and bytes, never Electron objects.
 * Every error is an Error whose message names the file and, where known, the line and column.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { OpenResult } from '../../shared/ipc/contract';
import type { Deployment, ImportIssue, Topology } from '../../shared/model/types';
import { emptyState } from '../../shared/model/state';
import { demoDeployment } from '../../shared/demo/demo';
import { decodeText } from '../../shared/topology/encoding';
import { importTopology } from '../../shared/topology/import';
import { formatFieldPath, looksLikeSnapshot, parseSnapshot } from '../../shared/snapshot/snapshot';
import { looksLikeCollection, readCollection } from '../../shared/discovery/collection';
import { scenarioSchema } from '../../shared/scenario/schema';
import { describeFsError } from './fs-errors';

/** Same cap as dropped files over IPC: real topology documents are a few MiB at most. */
const MAX_SOURCE_BYTES = 64 * 1024 * 1024;

/**
 * The key node positions are saved under: a hash of the topology's pool FQDNs, so the same
 * deployment finds its layout again whether it is reopened from XML, a snapshot or discovery.
 */
export function positionsKeyFor(topology: Topology): string {
  const fqdns = [...new Set(topology.pools.map((p) => p.fqdn.toLowerCase()))].sort();
  return `pools-${createHash('sha256').update(fqdns.join('\n')).digest('hex').slice(0, 32)}`;
}

function result(deployment: Deployment, issues: ImportIssue[], extra: Pick<OpenResult, 'takenAt' | 'incomplete' | 'positions' | 'scenario'> = {}): OpenResult {
  return { deployment, issues, positionsKey: positionsKeyFor(deployment.topology), ...extra };
}

export function openDemo(): OpenResult {
  return result(demoDeployment(), []);
}

/**
 * Opens a source from its bytes (a dropped file, or what openFile read). `path`, when known, is
 * kept as the deployment's source so recent files and the status bar can show it.
 */
export function openBytes(fileName: string, bytes: Uint8Array, path?: string): OpenResult {
  try {
    const text = decodeOrUndefined(bytes);
    // A collector file (resources/ps/collector.ps1, run on a Front End) reads into the snapshot a live
    // discovery would have saved; it is tested before the snapshot sniff, which accepts any JSON object.
    const collected = text !== undefined && looksLikeCollection(text);
    if (text !== undefined && (collected || looksLikeSnapshot(text))) {
      const snapshot = collected ? readCollection(text, fileName).snapshot : parseSnapshot(text, fileName);
      // The snapshot keeps where its deployment first came from; what is open now is this file. A
      // snapshot with a job log is the lab's state file (e.g. after a run in the lab): it shows the lab.
      const kind = collected ? 'collector' : snapshot.jobs !== undefined ? 'lab' : 'snapshot';
      const deployment: Deployment = { ...snapshot.deployment, source: { kind, name: fileName, ...(path ? { path } : {}) } };
      const issues: ImportIssue[] = (snapshot.incomplete?.reasons ?? []).map((reason) => ({
        severity: 'warning',
        message: `the snapshot is incomplete: ${reason}`,
        file: fileName,
      }));
      const scenario = snapshot.scenario === undefined ? undefined : readScenario(snapshot.scenario, fileName, issues);
      return result(deployment, issues, {
        takenAt: snapshot.takenAt,
        ...(snapshot.incomplete ? { incomplete: snapshot.incomplete.reasons } : {}),
        ...(snapshot.positions ? { positions: snapshot.positions } : {}),
        ...(scenario ? { scenario } : {}),
      });
    }
    const imported = importTopology(bytes, { fileName });
    const deployment: Deployment = {
      topology: imported.topology,
      state: emptyState(),
      source: { kind: 'file', name: fileName, form: imported.form, ...(path ? { path } : {}) },
    };
    return result(deployment, imported.issues);
  } catch (err) {
    throw new Error(describeOpenError(fileName, err), { cause: err });
  }
}

/**
 * The what-if scenario saved with a snapshot. One that does not read (a hand edit gone wrong) is
 * left out with a warning naming the field: the deployment itself is still worth opening.
 */
function readScenario(raw: unknown, fileName: string, issues: ImportIssue[]): OpenResult['scenario'] {
  const parsed = scenarioSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0]!;
  const field = formatFieldPath(['scenario', ...first.path]);
  issues.push({
    severity: 'warning',
    message: `the what-if scenario saved in the snapshot was left out: ${field}: ${first.message}`,
    file: fileName,
    element: field,
  });
  return undefined;
}

/** Snapshots are UTF-8 or UTF-16 text; bytes that are neither go to the XML importer, which reports the encoding problem with its offset. */
function decodeOrUndefined(bytes: Uint8Array): string | undefined {
  try {
    return decodeText(bytes);
  } catch {
    return undefined;
  }
}

/**
 * A message that starts with the file. The importer's and parseSnapshot's messages already do,
 * with the line and column where there is one; anything else gets the file put in front.
 */
function describeOpenError(fileName: string, err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.startsWith(fileName) ? message : `${fileName}: ${message}`;
}

export async function openFile(path: string): Promise<OpenResult> {
  let bytes: Uint8Array;
  try {
    const info = await stat(path);
    if (info.size > MAX_SOURCE_BYTES) throw new Error(`it is larger than ${MAX_SOURCE_BYTES / 1024 / 1024} MiB`);
    bytes = await readFile(path);
  } catch (err) {
    throw new Error(`Cannot open ${path}: ${describeFsError(err)}`, { cause: err });
  }
  return openBytes(basename(path), bytes, resolve(path));
}

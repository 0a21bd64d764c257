/**
 * The offline collector's file (resources/ps/collector.ps1): the topology document and the raw
 * results of the read queries, collected on a Front End. Read here into the same snapshot a live
 * discovery saves, so both take one path (build.ts).
 */
import { z } from 'zod';
import type { Snapshot } from '../snapshot/snapshot';
import { discoveredDeployment, discoveredSnapshot, type Discovered } from './build';
import type { DiscoveryResults } from './read';

export const COLLECTION_FORMAT = 'poolpilot.collection';
export const COLLECTION_VERSION = 1;

export class CollectionError extends Error {
  override readonly name = 'CollectionError';
}

/** ConvertTo-Json writes a one-item array as the item, and $null for a failed query. */
const results = z.preprocess((v) => (v === null || v === undefined ? undefined : Array.isArray(v) ? v : [v]), z.array(z.unknown()).optional());

const collectionSchema = z.object({
  format: z.literal(COLLECTION_FORMAT),
  version: z.number().int(),
  takenAt: z.string(),
  server: z.string().optional(),
  topologyXml: z.string().nullable().optional(),
  results: z.object({
    sites: results,
    pools: results,
    userDatabases: results,
    chatDatabases: results,
    backupRelationships: results,
    backupStatuses: results,
    cmsServices: results,
    cmsStatus: results,
    replicas: results,
    chatStates: results,
    chatActiveServers: results,
    edgeServices: results,
  }),
  failed: z.preprocess((v) => (v === null || v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.object({ query: z.string(), message: z.string() }))),
});

/** A sniff: the text is meant as a collector file. */
export function looksLikeCollection(text: string): boolean {
  return /"format"\s*:\s*"poolpilot\.collection"/.test(text.slice(0, 4096));
}

/** Collector file text → the snapshot a discovery would have saved. Errors name the file and the field. */
export function readCollection(text: string, fileName = 'collection'): { snapshot: Snapshot; discovered: Discovered } {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new CollectionError(`${fileName}: not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  const parsed = collectionSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CollectionError(`${fileName}: not a PoolPilot collector file: ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  const c = parsed.data;
  if (c.version > COLLECTION_VERSION) throw new CollectionError(`${fileName}: collector file version ${c.version} is newer than this PoolPilot reads (${COLLECTION_VERSION})`);
  const r: DiscoveryResults = Object.fromEntries(Object.entries(c.results).filter(([, v]) => v !== undefined));
  const name = c.server ? `Collected on ${c.server}` : `Collected (${fileName})`;
  const discovered = discoveredDeployment(c.topologyXml ?? undefined, r, { kind: 'collector', name }, c.failed);
  return { snapshot: discoveredSnapshot(discovered, c.takenAt), discovered };
}

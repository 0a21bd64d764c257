/**
 * PoolPilot's own file: a deployment frozen at a moment (topology + state + where it came from),
 * with what the admin added around it. Versioned JSON, checked against a schema on the way in, so a
 * snapshot from a newer PoolPilot, a truncated file or a hand edit gone wrong gets a message that
 * says what and where, never a crash.
 */
import { z } from 'zod';
import type { Deployment } from '../model/types';
import { deploymentSchema } from '../model/schema';
import { positionsSchema, type Positions } from '../ipc/contract';
import { findJsonSyntaxProblem } from './json-syntax';

export const SNAPSHOT_FORMAT = 'poolpilot.snapshot';
export const SNAPSHOT_VERSION = 1;

export interface Snapshot {
  format: typeof SNAPSHOT_FORMAT;
  version: number;
  /** ISO time the deployment was captured. */
  takenAt: string;
  deployment: Deployment;
  /** Set when the capture knew it missed something (e.g. a cmdlet failed during discovery). */
  incomplete?: { reasons: string[] };
  positions?: Positions;
  scenario?: unknown;
  jobs?: unknown[];
}

export interface SnapshotErrorDetails {
  fileName?: string;
  line?: number;
  column?: number;
  /** Path of the first offending field, e.g. `deployment.topology.pools[3].kind`. */
  field?: string;
}

export class SnapshotError extends Error {
  override readonly name = 'SnapshotError';
  constructor(
    message: string,
    readonly details: SnapshotErrorDetails = {},
  ) {
    super(message);
  }
}

const snapshotSchema = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  version: z.number().int().min(1).max(SNAPSHOT_VERSION),
  takenAt: z.iso.datetime({ offset: true }),
  deployment: deploymentSchema,
  incomplete: z.object({ reasons: z.array(z.string()) }).optional(),
  positions: positionsSchema.optional(),
  scenario: z.unknown().optional(),
  jobs: z.array(z.unknown()).optional(),
});

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Assert<T extends true> = T;
export type SnapshotSchemaMatchesInterface = Assert<Equal<z.output<typeof snapshotSchema>, Snapshot>>;

/** Most schema problems a message lists before "and N more": enough to fix a hand edit, short enough to read. */
const MAX_LISTED_PROBLEMS = 3;

/** `deployment.topology.pools[3].kind`; record keys that are not identifiers are quoted. */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out === '' ? '(top level)' : out;
}

/**
 * Reads a snapshot. Throws SnapshotError naming the file and either the line/column (not JSON),
 * the version (newer than this build reads) or the field path (schema).
 */
export function parseSnapshot(text: string, fileName?: string): Snapshot {
  const file = fileName ?? 'snapshot';
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch (e) {
    const problem = findJsonSyntaxProblem(body);
    if (!problem) throw new SnapshotError(`${file}: not valid JSON: ${(e as Error).message}`, { fileName });
    const { line, column } = problem;
    throw new SnapshotError(`${file}:${line}:${column}: not valid JSON: ${problem.message}`, { fileName, line, column });
  }

  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new SnapshotError(`${file}: not a PoolPilot snapshot (expected a JSON object)`, { fileName });
  const head = raw as { format?: unknown; version?: unknown };
  if (head.format !== SNAPSHOT_FORMAT)
    throw new SnapshotError(`${file}: not a PoolPilot snapshot (its "format" is not "${SNAPSHOT_FORMAT}")`, {
      fileName,
      field: 'format',
    });
  if (typeof head.version === 'number' && Number.isInteger(head.version) && head.version > SNAPSHOT_VERSION)
    throw new SnapshotError(
      `${file}: made by a newer PoolPilot (version ${head.version}); this one reads up to ${SNAPSHOT_VERSION}`,
      { fileName, field: 'version' },
    );

  const parsed = snapshotSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues;
    const listed = issues.slice(0, MAX_LISTED_PROBLEMS).map((i) => `${formatFieldPath(i.path)}: ${i.message}`);
    const more = issues.length > MAX_LISTED_PROBLEMS ? `; and ${issues.length - MAX_LISTED_PROBLEMS} more` : '';
    throw new SnapshotError(`${file}: not a valid PoolPilot snapshot: ${listed.join('; ')}${more}`, {
      fileName,
      field: formatFieldPath(issues[0]!.path),
    });
  }
  return parsed.data;
}

/** Top-level keys in reading order: what the file is first, so a glance (or a sniff) sees it. */
const TOP_LEVEL_ORDER: readonly (keyof Snapshot)[] = [
  'format',
  'version',
  'takenAt',
  'incomplete',
  'deployment',
  'positions',
  'scenario',
  'jobs',
];

/** Object keys sorted at every level below the top, so the same snapshot always gives the same bytes and diffs stay small. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
  return out;
}

/** Stable, pretty JSON (two-space indent, trailing newline). */
export function serializeSnapshot(s: Snapshot): string {
  const ordered: Record<string, unknown> = {};
  for (const key of TOP_LEVEL_ORDER) if (s[key] !== undefined) ordered[key] = sortKeys(s[key]);
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/**
 * Cheap sniff for "this is meant as a snapshot": a JSON object. Topology documents are XML and
 * start with '<', so anything starting with '{' goes to parseSnapshot, whose errors then say
 * precisely what is wrong, instead of an XML parser complaining about line 1, column 1.
 */
export function looksLikeSnapshot(text: string): boolean {
  return /^\uFEFF?\s*\{/.test(text.slice(0, 256));
}

/**
 * The one IPC contract: every channel, its request schema (parsed in main before any handler runs)
 * and its response type. Main registers handlers from this table, preload generates one bridge
 * function per channel from it, and the renderer calls `window.api[channel](request)`.
 *
 * Requests are intents and data, never PowerShell text.
 */
import { z } from 'zod';
import type { Deployment, ImportIssue } from '../model/types';
import { deploymentSchema } from '../model/schema';
import type { Scenario } from '../scenario/types';
import { scenarioSchema } from '../scenario/schema';
import type { CHANNEL_NAMES } from './channel-names';
import type { RunSummary } from '../run/types';

/** Saved node positions for a topology: node id → model coordinates. */
export const positionsSchema = z.record(
  z.string().max(300),
  z.object({ x: z.number().finite(), y: z.number().finite() }),
);
export type Positions = z.infer<typeof positionsSchema>;

const filePath = z.string().min(1).max(4096);
/** Cap on files sent as bytes (drag-and-drop): topology documents are well under this. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

export interface OpenResult {
  deployment: Deployment;
  /** Problems found while reading; the rest loaded where it safely could. */
  issues: ImportIssue[];
  /** Key under which node positions for this topology are saved. */
  positionsKey: string;
  /** When the source was a snapshot: when it was taken. */
  takenAt?: string;
  /** When the source was a snapshot saved incomplete (a discovery query failed): what is missing. */
  incomplete?: string[];
  /** When the source was a snapshot that carried node positions: those positions. */
  positions?: Positions;
  /** When the source was a snapshot saved with a what-if scenario: that scenario. */
  scenario?: Scenario;
}

export interface RecentFile {
  path: string;
  name: string;
  openedAt: string;
}

/** Runbook formats: printable Markdown, self-contained HTML, a PowerShell script, the plan as data. */
export const PLAN_EXPORT_FORMATS = ['md', 'html', 'ps1', 'json'] as const;
export type PlanExportFormat = (typeof PLAN_EXPORT_FORMATS)[number];

export interface AppInfo {
  version: string;
  /** 'lab' while the built-in demo (simulated deployment) is shown by default. */
  defaultEnvironment: 'lab';
  versions: Record<string, string>;
}

/** How the status bar names the lab's runner: `label` is its words (connect.ts labRunnerLabel). */
export interface LabRunnerInfo {
  kind: 'module' | 'executable' | 'in-process';
  label: string;
}

/** A Front End pool or server FQDN the admin typed: letters, digits, dots and hyphens only. */
const endpointFqdn = z
  .string()
  .min(3)
  .max(253)
  .regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}))+$/, 'not a host name (letters, digits, dots and hyphens)');

/** Where a run or a discovery goes: the lab (seeded from the deployment shown) or a live Front End. */
export const environmentSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('lab') }),
  z.object({ kind: z.literal('server'), endpoint: endpointFqdn }),
]);

const runId = z.string().min(1).max(200);
const runAnswerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('confirm'), run: z.boolean() }),
  z.object({ kind: z.literal('acknowledge'), done: z.boolean(), comment: z.string().max(4000).optional() }),
  // The two failure answers share kind 'failure' (zod refuses a discriminator value twice): told apart by action.
  z.discriminatedUnion('action', [
    z.object({ kind: z.literal('failure'), action: z.enum(['retry', 'abort']) }),
    z.object({ kind: z.literal('failure'), action: z.literal('skip'), reason: z.string().trim().min(1, 'say why the step is skipped').max(4000) }),
    z.object({ kind: z.literal('failure'), action: z.literal('doneByHand'), comment: z.string().max(4000).optional() }),
  ]),
]);

/** A snapshot kept in the app's data folder (discoveries save there). */
export interface KeptSnapshot {
  path: string;
  name: string;
  takenAt: string;
  /** Where it came from: "Lab", "Live: <server>", "Collector: <file>". */
  source: string;
  incomplete: boolean;
}

export const REPORT_FORMATS = ['html', 'md', 'json'] as const;

/** Deployment diagram formats: a draw.io (mxGraph) document, an SVG picture. */
export const DIAGRAM_FORMATS = ['drawio', 'svg'] as const;
export type DiagramFormat = (typeof DIAGRAM_FORMATS)[number];
/** Cap on the node positions a diagram export carries (a large deployment has a few thousand nodes). */
export const MAX_DIAGRAM_NODES = 20_000;

export const channels = {
  'app.info': { request: z.undefined(), response: null as unknown as AppInfo },
  'topology.openDemo': { request: z.undefined(), response: null as unknown as OpenResult },
  /** Shows the open dialog in main; null when the admin cancels. */
  'topology.openDialog': { request: z.undefined(), response: null as unknown as OpenResult | null },
  'topology.openPath': { request: z.object({ path: filePath }), response: null as unknown as OpenResult },
  /** A file dropped on the window: its bytes travel, the path is kept for recent files where known. */
  'topology.openBytes': {
    request: z.object({
      fileName: z.string().min(1).max(1024),
      path: filePath.optional(),
      data: z.instanceof(Uint8Array).refine((d) => d.byteLength <= MAX_FILE_BYTES, 'file is larger than 64 MiB'),
    }),
    response: null as unknown as OpenResult,
  },
  /** Saves a snapshot (dialog in main unless a path is given); null when cancelled. */
  'snapshot.save': {
    request: z.object({ deployment: deploymentSchema, positions: positionsSchema.optional(), scenario: scenarioSchema.optional() }),
    response: null as unknown as { path: string } | null,
  },
  'recent.list': { request: z.undefined(), response: null as unknown as RecentFile[] },
  'positions.get': { request: z.object({ key: z.string().min(1).max(200) }), response: null as unknown as Positions | null },
  'positions.save': {
    request: z.object({ key: z.string().min(1).max(200), positions: positionsSchema }),
    response: null as unknown as { ok: true },
  },
  /** Writes the graph image the renderer drew; the save dialog is shown in main. */
  'graph.exportPng': {
    request: z.object({ pngBase64: z.string().min(1).max(200 * 1024 * 1024).regex(/^[A-Za-z0-9+/=]+$/) }),
    response: null as unknown as { path: string } | null,
  },
  /**
   * Draws the deployment the window shows (as opened, discovered, edited or after a run: the model,
   * validated like plan.export's) as a draw.io diagram or an SVG picture, laid out as on screen from
   * its nodes' positions, with the what-if scenario as its own layer when sent. The window sends data
   * only, never markup; main checks every position names a node of that deployment, draws the file,
   * shows the save dialog; null when cancelled.
   */
  'diagram.export': {
    // Strict: a field beyond these (markup, a file name) is refused, not dropped.
    request: z.strictObject({
      deployment: deploymentSchema,
      format: z.enum(DIAGRAM_FORMATS),
      positions: positionsSchema.refine((p) => Object.keys(p).length <= MAX_DIAGRAM_NODES, `more than ${MAX_DIAGRAM_NODES} node positions`),
      scenario: scenarioSchema.optional(),
    }),
    response: null as unknown as { path: string } | null,
  },
  /**
   * Plans the scenario and writes the runbook in `format`: main builds the plan and the text itself
   * (the renderer never sends script or runbook text), shows the save dialog; null when cancelled.
   * A scenario with blockers is refused with an error naming them.
   */
  'plan.export': {
    request: z.object({ deployment: deploymentSchema, scenario: scenarioSchema, format: z.enum(PLAN_EXPORT_FORMATS) }),
    response: null as unknown as { path: string } | null,
  },
  /**
   * Plans the scenario in main (refused with the blockers named when it has any) and starts running it
   * in the environment; progress arrives as 'run.event' events. One run at a time.
   */
  'run.start': {
    request: z.object({
      deployment: deploymentSchema,
      scenario: scenarioSchema,
      mode: z.enum(['run', 'rehearsal']),
      /** The admin reviewed the plan and confirmed the whole run with one click. */
      confirmAll: z.boolean(),
      environment: environmentSchema,
    }),
    response: null as unknown as RunSummary,
  },
  /** The admin's answer to what the run waits for (run.event 'prompt'). */
  'run.respond': {
    request: z.object({ runId, stepId: z.string().min(1).max(300), answer: runAnswerSchema }),
    response: null as unknown as { ok: true },
  },
  /** Stops the run before its next step (the step running now finishes); it can be resumed. */
  'run.stop': { request: z.object({ runId }), response: null as unknown as { ok: true } },
  /** The run going on, or the last one of this session. */
  'run.current': { request: z.undefined(), response: null as unknown as RunSummary | null },
  /** Runs in the data folder that did not complete (the app was closed or crashed, or they stopped): resumable. */
  'run.interrupted': { request: z.undefined(), response: null as unknown as RunSummary[] },
  /** Resumes an interrupted run: the step that was in flight is re-checked before anything is repeated. */
  'run.resume': { request: z.object({ runId }), response: null as unknown as RunSummary },
  /** Writes the run's report (save dialog in main); null when cancelled. */
  'run.exportReport': {
    request: z.object({ runId, format: z.enum(REPORT_FORMATS) }),
    response: null as unknown as { path: string } | null,
  },
  /** Saves the credential for a live endpoint, encrypted (Electron safeStorage); it never comes back to the window. */
  'credentials.save': {
    request: z.object({ endpoint: endpointFqdn, userName: z.string().min(1).max(256), password: z.string().min(1).max(1024) }),
    response: null as unknown as { ok: true },
  },
  /** Whose credential is saved for the endpoint (the user name only), or null: integrated authentication. */
  'credentials.get': { request: z.object({ endpoint: endpointFqdn }), response: null as unknown as { userName: string } | null },
  'credentials.forget': { request: z.object({ endpoint: endpointFqdn }), response: null as unknown as { ok: true } },
  /**
   * Discovers the deployment (the lab seeded from `deployment`, or a live Front End) and saves the
   * snapshot in the data folder; progress and the result arrive as 'discovery.event' events.
   */
  'discovery.start': {
    request: z.object({ environment: environmentSchema, deployment: deploymentSchema.optional() }),
    response: null as unknown as { discoveryId: string },
  },
  /** The snapshots kept in the data folder, newest first. */
  'snapshots.list': { request: z.undefined(), response: null as unknown as KeptSnapshot[] },
  /** Reads a kept snapshot (e.g. to compare with the one shown) without opening it or touching recent files. */
  'snapshots.read': { request: z.object({ path: filePath }), response: null as unknown as OpenResult },
  /** The offline collector script's text, to show. */
  'collector.text': { request: z.undefined(), response: null as unknown as { text: string; fileName: string } },
  /** Saves a copy of the collector script (save dialog in main); null when cancelled. */
  'collector.export': { request: z.undefined(), response: null as unknown as { path: string } | null },
  /** What answers the lab's commands on this machine: real PowerShell with the lab module, or the lab in PoolPilot itself (and why). */
  'lab.runner': { request: z.undefined(), response: null as unknown as LabRunnerInfo },
} as const;

export type Channel = keyof typeof channels;
export type RequestOf<C extends Channel> = z.infer<(typeof channels)[C]['request']>;
export type ResponseOf<C extends Channel> = (typeof channels)[C]['response'];

/** The renderer's view of the bridge: one async function per channel. */
export type Api = {
  [C in Channel]: RequestOf<C> extends undefined
    ? () => Promise<ResponseOf<C>>
    : (request: RequestOf<C>) => Promise<ResponseOf<C>>;
};

export { CHANNEL_NAMES } from './channel-names';

// Compile-time check that the preload's name list and this table agree, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const namesMatch: Same<Channel, (typeof CHANNEL_NAMES)[number]> = true;
void namesMatch;

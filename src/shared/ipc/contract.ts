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
   * Plans the scenario and writes the runbook in `format`: main builds the plan and the text itself
   * (the renderer never sends script or runbook text), shows the save dialog; null when cancelled.
   * A scenario with blockers is refused with an error naming them.
   */
  'plan.export': {
    request: z.object({ deployment: deploymentSchema, scenario: scenarioSchema, format: z.enum(PLAN_EXPORT_FORMATS) }),
    response: null as unknown as { path: string } | null,
  },
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

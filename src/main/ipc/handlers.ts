/**
 * What each IPC channel does, built from the services it needs. No Electron imports: the app wires
 * Electron's dialogs in, the browser tests wire scripted ones, and both run this same code.
 */
import type { AppInfo, OpenResult } from '../../shared/ipc/contract';
import type { Emit } from '../../shared/ipc/events';
import type { AppData } from '../services/app-data';
import { openBytes, openDemo, openFile } from '../services/open-source';
import { writeFileAtomic } from '../services/atomic-write';
import { runbookText } from '../services/runbook';
import { defaultFileName } from '../services/default-file-name';
import type { Dialogs } from './dialogs';
import { createDiscoveryHandlers } from './discovery-handlers';
import { createRunHandlers } from './run-handlers';
import type { RunService } from '../run/run-service';
import { labRunnerLabel, type LabRunner } from '../run/connect';
import type { CredentialStore } from '../powershell/credentials';
import type { DiscoveryService } from '../discovery/discovery-service';
import type { SnapshotStore } from '../services/snapshot-store';
import type { Handlers } from './dispatch';
import { OfferedPaths } from '../services/offered-paths';
import { diagramText } from '../services/diagram-export';

export interface HandlerDeps {
  appData: AppData;
  dialogs: Dialogs;
  info: AppInfo;
  /** Pushes run and discovery progress to the window. */
  emit: Emit;
  now?: () => Date;
  /** Discoveries, and the snapshots they keep in the data folder. */
  discovery: DiscoveryService;
  snapshots: SnapshotStore;
  /** The offline collector script (resources/ps/collector.ps1, found by index.ts). */
  collectorPath: string;
  /** Runs of plans, one at a time. */
  runs: RunService;
  /** What answers lab runs and discoveries (connect.ts findLabRunner, started once at launch). */
  labRunner: Promise<LabRunner>;
  /** Saved credentials per endpoint; absent where they cannot be kept encrypted. */
  credentials?: CredentialStore;
  /**
   * The paths main handed the window, the only ones topology.openPath reads. index.ts shares it
   * with the files Windows asks to open; by default, the recent files only.
   */
  offered?: OfferedPaths;
}

/** A file-name-safe stamp for default file names, e.g. 2026-11-24-0931. */
function stamp(date: Date): string {
  return date.toISOString().slice(0, 16).replace('T', '-').replace(':', '');
}

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47];

export function createHandlers({
  appData,
  dialogs,
  info,
  now = () => new Date(),
  discovery,
  snapshots,
  collectorPath,
  runs,
  labRunner,
  credentials,
  offered = new OfferedPaths(() => appData.recentFiles()),
}: HandlerDeps): Handlers {
  /** Opening a file from disk puts it first in the recent files. */
  const openAndRemember = async (path: string): Promise<OpenResult> => {
    const result = await openFile(path);
    await appData.addRecentFile(path);
    return result;
  };
  const discoveryHandlers = createDiscoveryHandlers({ discovery, snapshots, dialogs, collectorPath });

  return {
    'app.info': () => info,
    'lab.runner': async () => {
      const runner = await labRunner;
      return { kind: runner.kind, label: labRunnerLabel(runner) };
    },
    'topology.openDemo': () => openDemo(),
    'topology.openDialog': async () => {
      const path = await dialogs.chooseSourceToOpen();
      return path ? openAndRemember(path) : null;
    },
    // The renderer names this path, so it must be one main offered: checked before anything is read.
    'topology.openPath': async ({ path }) => {
      await offered.check(path);
      return openAndRemember(path);
    },
    'topology.openBytes': async ({ fileName, path, data }) => {
      const result = openBytes(fileName, data, path);
      // Still opened when the path does not hold these bytes, but kept out of the recent files (see droppedFileIsAt).
      if (path && (await offered.droppedFileIsAt(path, data))) await appData.addRecentFile(path);
      return result;
    },
    'snapshot.save': async ({ deployment, positions, scenario }) => {
      const path = await dialogs.chooseSnapshotPath(defaultFileName(deployment.source.name, undefined, stamp(now()), 'poolpilot'));
      if (!path) return null;
      await appData.saveSnapshot(path, { deployment, ...(positions ? { positions } : {}), ...(scenario ? { scenario } : {}) });
      return { path };
    },
    'recent.list': () => appData.recentFiles(),
    'positions.get': ({ key }) => appData.positions(key),
    'positions.save': async ({ key, positions }) => {
      await appData.savePositions(key, positions);
      return { ok: true as const };
    },
    'graph.exportPng': async ({ pngBase64 }) => {
      const bytes = Buffer.from(pngBase64, 'base64');
      if (!PNG_MAGIC.every((b, i) => bytes[i] === b)) throw new Error('The graph image is not a PNG; nothing was written.');
      const path = await dialogs.choosePngPath(`poolpilot-graph-${stamp(now())}.png`);
      if (!path) return null;
      await writeFileAtomic(path, bytes);
      return { path };
    },
    'diagram.export': async ({ deployment, format, positions, scenario }) => {
      // Built before the dialog: refused positions ask for no file name.
      const text = diagramText(deployment, format, positions, scenario);
      const path = await dialogs.chooseDiagramPath(defaultFileName(deployment.source.name, 'diagram', stamp(now()), format), format);
      if (!path) return null;
      await writeFileAtomic(path, text);
      return { path };
    },
    'plan.export': async ({ deployment, scenario, format }) => {
      const at = now();
      // Planned before the dialog: a refused plan asks for no file name.
      const text = runbookText(deployment, scenario, format, at.getTime());
      const path = await dialogs.chooseExportPath(defaultFileName(deployment.source.name, 'runbook', stamp(at), format), format);
      if (!path) return null;
      await writeFileAtomic(path, text);
      return { path };
    },
    ...discoveryHandlers,
    // The Snapshots dialog opens a kept snapshot by the path listed here (through topology.openPath).
    'snapshots.list': async () => {
      const kept = await discoveryHandlers['snapshots.list'](undefined);
      for (const snapshot of kept) offered.offer(snapshot.path);
      return kept;
    },
    ...createRunHandlers({ runs, dialogs, ...(credentials ? { credentials } : {}) }),
  };
}

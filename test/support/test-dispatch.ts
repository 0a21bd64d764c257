/**
 * Main's IPC handlers behind a dispatcher, as the IPC unit tests call them: data in `dir`, every
 * dialog answered "cancelled" unless the test says otherwise, and nothing that can run a job
 * (discovery and runs throw if they are ever asked to).
 */
import { join } from 'node:path';
import { createDispatcher, type Dispatch } from '../../src/main/ipc/dispatch';
import type { Dialogs } from '../../src/main/ipc/dialogs';
import { createHandlers, type HandlerDeps } from '../../src/main/ipc/handlers';
import { AppData } from '../../src/main/services/app-data';
import { SnapshotStore } from '../../src/main/services/snapshot-store';
import { DiscoveryService } from '../../src/main/discovery/discovery-service';
import { RunService } from '../../src/main/run/run-service';
import { IN_PROCESS_LAB } from './lab-sessions';

/** Every dialog cancelled. */
export const CANCELLED_DIALOGS: Dialogs = {
  chooseSourceToOpen: async () => null,
  chooseSnapshotPath: async () => null,
  choosePngPath: async () => null,
  chooseDiagramPath: async () => null,
  chooseExportPath: async () => null,
  chooseCollectorPath: async () => null,
  chooseReportPath: async () => null,
};

/** The dispatcher over handlers with data in `dir`; `deps` replaces any of them (dialogs: only those given). */
export function testDispatch(dir: string, deps: Partial<Omit<HandlerDeps, 'dialogs'>> & { dialogs?: Partial<Dialogs> } = {}): Dispatch {
  const never = () => {
    throw new Error('nothing runs in these tests');
  };
  const snapshots = deps.snapshots ?? new SnapshotStore(join(dir, 'data'));
  const { dialogs, ...rest } = deps;
  return createDispatcher(
    createHandlers({
      emit: () => undefined,
      labRunner: Promise.resolve(IN_PROCESS_LAB),
      appData: new AppData(join(dir, 'data')),
      info: { version: 'test', defaultEnvironment: 'lab', versions: {} },
      discovery: new DiscoveryService({ store: snapshots, emit: () => undefined, openJobs: never }),
      snapshots,
      collectorPath: join(dir, 'collector.ps1'),
      runs: new RunService({ runsDir: join(dir, 'data', 'runs'), emit: () => undefined, openJobs: never }),
      ...rest,
      dialogs: { ...CANCELLED_DIALOGS, ...dialogs },
    }),
  );
}

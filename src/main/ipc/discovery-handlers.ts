/**
 * The discovery channels: start a discovery (progress arrives as 'discovery.event'), list and read
 * the snapshots kept in the data folder, and show or save the offline collector script. No Electron
 * imports: the app and the browser tests hand in the same services.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { DiscoveryService } from '../discovery/discovery-service';
import type { SnapshotStore } from '../services/snapshot-store';
import { writeFileAtomic } from '../services/atomic-write';
import { describeFsError } from '../services/fs-errors';
import type { Dialogs } from './dialogs';
import type { Handlers } from './dispatch';

export interface DiscoveryHandlerDeps {
  discovery: DiscoveryService;
  snapshots: SnapshotStore;
  dialogs: Dialogs;
  /**
   * resources/ps/collector.ps1: in a checkout, or `process.resourcesPath/ps` in a packaged app
   * (electron-builder.yml's extraResources), as index.ts finds it.
   */
  collectorPath: string;
}

type DiscoveryChannel = 'discovery.start' | 'snapshots.list' | 'snapshots.read' | 'collector.text' | 'collector.export';

export function createDiscoveryHandlers({ discovery, snapshots, dialogs, collectorPath }: DiscoveryHandlerDeps): Pick<Handlers, DiscoveryChannel> {
  const collector = async (): Promise<Buffer> => {
    try {
      return await readFile(collectorPath);
    } catch (err) {
      throw new Error(`Cannot read the collector script ${collectorPath}: ${describeFsError(err)} (is PoolPilot installed completely?)`, { cause: err });
    }
  };

  return {
    'discovery.start': ({ environment, deployment }) => discovery.start(environment, deployment),
    'snapshots.list': () => snapshots.list(),
    'snapshots.read': ({ path }) => snapshots.read(path),
    'collector.text': async () => ({ text: (await collector()).toString('utf8'), fileName: basename(collectorPath) }),
    'collector.export': async () => {
      // Read first: a missing script asks for no file name.
      const bytes = await collector();
      const path = await dialogs.chooseCollectorPath(basename(collectorPath));
      if (!path) return null;
      await writeFileAtomic(path, bytes);
      return { path };
    },
  };
}

/**
 * A discovery's progress as main pushes it to the renderer: each query as it runs, then the saved
 * snapshot opened as the deployment to show.
 */
import type { OpenResult } from '../ipc/contract';

export interface DiscoveryQueryStatus {
  /** The query as one line (`Get-CsSite`, `Get-CsPoolBackupRelationship -PoolFqdn "pool1…"`). */
  query: string;
  status: 'running' | 'succeeded' | 'failed';
  /** Why it failed. */
  message?: string;
}

export type DiscoveryEvent =
  | { type: 'progress'; discoveryId: string; query: DiscoveryQueryStatus; done: number; total: number }
  | {
      type: 'finished';
      discoveryId: string;
      /** The snapshot saved in the app's data folder, opened; absent when nothing could be read at all. */
      result?: OpenResult & { snapshotPath: string; incomplete?: string[] };
      /** Why nothing was saved (e.g. the connection failed). */
      error?: string;
    };

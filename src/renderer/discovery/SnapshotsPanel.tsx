/**
 * The snapshots kept in the data folder, newest first (when, from where, how old, complete or
 * not): open one, or compare the deployment on screen with it — or with any snapshot or collector
 * file picked from disk.
 */
import { useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/store';
import { formatTime } from '../panels/source-label';
import { ageOld } from './age';
import { compareWithFile, compareWithKept, listSnapshots, openKeptSnapshot } from './discovery-actions';
import { useNow } from './use-now';
import { useLoaded } from './use-loaded';
import { readableMessage } from '../store/error-message';

export function SnapshotsPanel({ headingId }: { headingId: string }) {
  const { shownPath, hasDeployment, openDialog, close } = useAppStore(
    useShallow((s) => ({
      // The snapshot on screen: opened from its file, or just saved by a discovery of this session.
      shownPath: s.deployment?.source.path ?? (s.shownDiscovery?.openSeq === s.openSeq ? s.shownDiscovery.snapshotPath : undefined),
      hasDeployment: s.deployment !== null,
      openDialog: s.openDiscoveryDialog,
      close: s.closeDiscoveryDialog,
    })),
  );
  const [list, problem, setProblem] = useLoaded(listSnapshots, 'The kept snapshots cannot be listed');
  const fileRef = useRef<HTMLInputElement>(null);
  const now = useNow();

  return (
    <div className="snapshots-panel" data-testid="snapshots-panel">
      <h2 id={headingId} tabIndex={-1}>
        Snapshots
      </h2>
      <p className="muted">
        Each discovery is kept in PoolPilot’s data folder. Open one to work from it offline, or compare the deployment on screen with it: the
        changes are listed and drawn on the graph.
      </p>
      {problem && (
        <p className="hint warn" role="alert">
          {problem}
        </p>
      )}
      {list === null && !problem && <p className="muted">Reading the data folder…</p>}
      {list !== null && list.length === 0 && (
        <p data-testid="snapshot-list-empty">No snapshots kept yet. A discovery saves one here.</p>
      )}
      {list !== null && list.length > 0 && (
        <div className="snapshot-table-wrap">
          <table className="snapshot-table" data-testid="snapshot-list">
            <caption className="visually-hidden">Kept snapshots, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Taken</th>
                <th scope="col">Source</th>
                <th scope="col">Age</th>
                <th scope="col">Contents</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((s) => {
                const taken = formatTime(new Date(s.takenAt));
                const onScreen = s.path === shownPath;
                return (
                  <tr key={s.path} data-testid="snapshot-row" title={s.path}>
                    <td className="nowrap">{taken}</td>
                    <td>{s.source}</td>
                    <td className="nowrap">{ageOld(new Date(s.takenAt), now)}</td>
                    <td>
                      {s.incomplete ? (
                        <span className="badge badge-warn" data-testid="snapshot-incomplete">
                          incomplete
                        </span>
                      ) : (
                        <span className="muted">complete</span>
                      )}
                      {onScreen && <span className="badge">on screen</span>}
                    </td>
                    <td className="row-actions">
                      <button
                        type="button"
                        className="button small"
                        aria-label={`Open the snapshot taken ${taken}`}
                        data-testid="snapshot-open"
                        onClick={() => void openKeptSnapshot(s)}
                      >
                        Open
                      </button>
                      <button
                        type="button"
                        className="button small"
                        aria-label={`Compare the deployment on screen with the snapshot taken ${taken}`}
                        data-testid="snapshot-compare"
                        disabled={!hasDeployment || onScreen}
                        onClick={() => compareWithKept(s).catch((err: unknown) => setProblem(readableMessage(err)))}
                      >
                        Compare
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <div className="dialog-actions">
        <button type="button" className="button" disabled={!hasDeployment} onClick={() => fileRef.current?.click()} data-testid="compare-file">
          Compare with a file…
        </button>
        <input
          ref={fileRef}
          type="file"
          hidden
          accept=".poolpilot,.json"
          data-testid="compare-file-input"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) compareWithFile(file).catch((err: unknown) => setProblem(`Cannot compare: ${readableMessage(err)}`));
          }}
        />
        <button type="button" className="button" onClick={() => openDialog('discover')} data-testid="snapshots-to-discover">
          Discover…
        </button>
        <span className="toolbar-spacer" />
        <button type="button" className="button" onClick={close}>
          Close
        </button>
      </div>
    </div>
  );
}

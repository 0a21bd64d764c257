/**
 * "Discover": where to ask (the lab, seeded from the deployment on screen, or a live Front End),
 * then the discovery's progress. When it finishes, the snapshot it saved is already in the graph.
 */
import { useId, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { environmentSchema } from '../../shared/ipc/contract';
import { useAppStore } from '../store/store';
import { DiscoveryProgress } from './DiscoveryProgress';
import { startDiscovery } from './discovery-actions';

export function DiscoverPanel({ headingId }: { headingId: string }) {
  const { deploymentName, dirty, run, openDialog, close } = useAppStore(
    useShallow((s) => ({
      deploymentName: s.deployment?.source.name,
      dirty: s.dirty,
      run: s.discovery,
      openDialog: s.openDiscoveryDialog,
      close: s.closeDiscoveryDialog,
    })),
  );
  const [where, setWhere] = useState<'lab' | 'server'>(run?.target.kind ?? 'lab');
  const [server, setServer] = useState(run?.target.kind === 'server' ? run.target.endpoint : '');
  const [problem, setProblem] = useState<string | null>(null);
  const serverRef = useRef<HTMLInputElement>(null);
  const id = useId();
  const running = run !== null && !run.finished;

  const start = () => {
    const parsed = environmentSchema.safeParse(where === 'lab' ? { kind: 'lab' } : { kind: 'server', endpoint: server.trim() });
    if (!parsed.success) {
      setProblem(
        server.trim() === ''
          ? 'Type the FQDN of a Front End pool or server.'
          : `“${server.trim()}” is not a host name: use its FQDN (letters, digits, dots and hyphens), e.g. pool1.contoso.com.`,
      );
      serverRef.current?.focus();
      return;
    }
    setProblem(null);
    void startDiscovery(parsed.data);
  };

  return (
    <div className="discover-panel" data-testid="discover-panel">
      <h2 id={headingId} tabIndex={-1}>
        Discover the deployment
      </h2>
      <p className="muted">
        PoolPilot asks the deployment what a topology document cannot say — backup pairs, federation routes, where the CMS is active, Persistent
        Chat state, Edge next hops — and keeps the answer as a dated snapshot to work from offline. It only reads; nothing is changed.
      </p>
      <fieldset className="discover-where" disabled={running}>
        <legend>Where to ask</legend>
        <label className="where-option">
          <input type="radio" name={`${id}-where`} checked={where === 'lab'} onChange={() => setWhere('lab')} data-testid="discover-lab" />
          <span>
            <strong>Lab</strong> — the simulated deployment, seeded from {deploymentName ? <em>{deploymentName}</em> : 'the built-in demo'}
          </span>
        </label>
        <label className="where-option">
          <input type="radio" name={`${id}-where`} checked={where === 'server'} onChange={() => setWhere('server')} data-testid="discover-live" />
          <span>
            <strong>Live server</strong> — a Front End pool or server of the deployment, over remote PowerShell
          </span>
        </label>
        <div className="field server-field">
          <label htmlFor={`${id}-server`}>Front End pool or server FQDN</label>
          <input
            ref={serverRef}
            id={`${id}-server`}
            type="text"
            spellCheck={false}
            autoComplete="off"
            placeholder="pool1.contoso.com"
            value={server}
            aria-invalid={problem !== null}
            aria-describedby={problem ? `${id}-problem` : undefined}
            data-testid="discover-server"
            onChange={(e) => {
              setServer(e.target.value);
              setWhere('server');
              setProblem(null);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') start();
            }}
          />
          {problem && (
            <p id={`${id}-problem`} className="hint warn" role="alert">
              {problem}
            </p>
          )}
        </div>
      </fieldset>
      {dirty && !running && (
        <p className="hint warn" data-testid="discover-unsaved">
          The snapshot it takes replaces what is on screen, and the changes not saved yet (pairs, routes, the what-if) go with it: save a snapshot
          first to keep them.
        </p>
      )}
      <div className="dialog-actions discover-start">
        <button type="button" className="button primary" disabled={running} onClick={start} data-testid="discover-start">
          {running ? 'Discovering…' : run ? 'Discover again' : 'Start discovery'}
        </button>
      </div>
      {run && <DiscoveryProgress run={run} />}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={() => openDialog('snapshots')} data-testid="discover-to-snapshots">
          Kept snapshots…
        </button>
        <button type="button" className="button" onClick={() => openDialog('collector')} data-testid="discover-to-collector">
          Offline collector script…
        </button>
        <span className="toolbar-spacer" />
        <button type="button" className="button" onClick={close} data-testid="discovery-dialog-close">
          {run?.finished && run.snapshotPath ? 'Show the graph' : running ? 'Close (it goes on)' : 'Close'}
        </button>
      </div>
    </div>
  );
}

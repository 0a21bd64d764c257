/**
 * The offline collector script, shown read-only as it ships with the app, with Export to save a
 * copy: for a workstation with no route to the servers, the admin runs it on a Front End and
 * carries the file it writes back here.
 */
import { useId, useState } from 'react';
import { useAppStore } from '../store/store';
import { collectorText, exportCollector } from './discovery-actions';
import { useLoaded } from './use-loaded';
import { readableMessage } from '../store/error-message';

export function CollectorPanel({ headingId }: { headingId: string }) {
  const close = useAppStore((s) => s.closeDiscoveryDialog);
  const [script, problem, setProblem] = useLoaded(collectorText, 'The collector script cannot be read');
  const [savedTo, setSavedTo] = useState<string | null>(null);
  const id = useId();

  const name = script?.fileName ?? 'collector.ps1';
  const save = () => {
    setSavedTo(null);
    exportCollector().then(
      (saved) => saved && setSavedTo(saved.path),
      (err: unknown) => setProblem(`The collector script was not saved: ${readableMessage(err)}`),
    );
  };
  return (
    <div className="collector-panel" data-testid="collector-panel">
      <h2 id={headingId} tabIndex={-1}>
        Offline collector script
      </h2>
      <p id={`${id}-how`}>
        Run it on a Front End server in the Skype for Business Server Management Shell (<code>.\{name} -OutFile C:\Temp\poolpilot-collection.json</code>),
        carry the file it writes to this computer, and open it here with <em>Open…</em>: it gives the same picture as a discovery. It only reads.
      </p>
      {problem && (
        <p className="hint warn" role="alert">
          {problem}
        </p>
      )}
      {script === null && !problem && <p className="muted">Reading the script…</p>}
      {script && (
        <textarea
          className="collector-text"
          readOnly
          spellCheck={false}
          wrap="off"
          value={script.text}
          aria-label={`${script.fileName} (read-only)`}
          aria-describedby={`${id}-how`}
          data-testid="collector-text"
        />
      )}
      <p role="status" className="muted" data-testid="collector-saved">
        {savedTo ? `Saved to ${savedTo}` : ''}
      </p>
      <div className="dialog-actions">
        <button type="button" className="button primary" disabled={!script} onClick={save} data-testid="collector-export">
          Export…
        </button>
        <span className="toolbar-spacer" />
        <button type="button" className="button" onClick={close}>
          Close
        </button>
      </div>
    </div>
  );
}

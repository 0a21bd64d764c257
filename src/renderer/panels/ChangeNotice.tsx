/**
 * "This change means:" — shown over the graph after a next hop is reassigned (by drag, dialog or
 * quick fix): the Set-CsEdgeServer command for a next hop in another site, with a Copy button, or
 * the Topology Builder steps for one in the same site (P0). It stays until dismissed or the
 * scenario changes again, so the admin can copy it at leisure.
 */
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/store';
import { copyText } from './copy-text';

export function ChangeNotice() {
  const { notice, dismiss } = useAppStore(useShallow((s) => ({ notice: s.changeNotice, dismiss: s.dismissChangeNotice })));
  const [copied, setCopied] = useState<string | null>(null);
  if (!notice) return null;
  const { action, edgePool, nextHop } = notice;
  const text = action.kind === 'cmdlet' ? action.command : action.steps.map((step, i) => `${i + 1}. ${step}`).join('\n');
  const copy = async () => {
    const ok = await copyText(text);
    setCopied(ok ? text : '');
  };
  return (
    <section className="change-notice" data-testid="change-notice" aria-labelledby="change-notice-heading" role="region">
      <header>
        <h2 id="change-notice-heading">This change means:</h2>
        <button type="button" className="dismiss" aria-label="Dismiss" onClick={dismiss}>
          ✕
        </button>
      </header>
      <p>
        {action.kind === 'cmdlet' ? (
          <>
            {nextHop} is in another site than Edge pool {edgePool}, so the next hop is changed in the Skype for Business Server Management
            Shell (P0):
          </>
        ) : (
          <>
            {nextHop} is in the same site as Edge pool {edgePool}, so the next hop is changed in Topology Builder (P0):
          </>
        )}
      </p>
      {action.kind === 'cmdlet' ? (
        <pre className="command" data-testid="change-command">
          <code>{action.command}</code>
        </pre>
      ) : (
        <ol className="steps" data-testid="change-command">
          {action.steps.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
      )}
      <div className="notice-actions">
        <button type="button" className="button" data-testid="change-command-copy" onClick={() => void copy()}>
          {action.kind === 'cmdlet' ? 'Copy command' : 'Copy steps'}
        </button>
        <span role="status" className="muted">
          {copied === text ? 'Copied to the clipboard.' : copied === '' ? 'Could not copy: select the text and copy it.' : ''}
        </span>
      </div>
    </section>
  );
}

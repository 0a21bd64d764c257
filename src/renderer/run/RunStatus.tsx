/** The status bar's word on the run: going on (or waiting for the admin) or how the last one ended, with the way back to its console. */
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/store';
import { runProgress } from './run-view';
import './run.css';

export function RunStatus() {
  const { view, consoleOpen, showRunConsole } = useAppStore(useShallow((s) => ({ view: s.runView, consoleOpen: s.runConsole.kind !== 'closed', showRunConsole: s.showRunConsole })));
  if (!view) return null;
  const { run } = view;
  const what = run.mode === 'rehearsal' ? 'Rehearsal' : 'Run';
  let text: string;
  if (run.status === 'running') {
    const { done, total } = runProgress(run.plan, run.steps);
    text = `${what} (${run.environment}): ${run.prompt ? 'waiting for you' : `${done} of ${total} steps`}`;
  } else {
    text = `Last ${what.toLowerCase()} (${run.environment}): ${run.status}`;
  }
  return (
    <span className={`status-run${run.prompt ? ' waiting' : ''}`} data-testid="status-run">
      {text}
      {!consoleOpen && (
        <>
          {' '}
          <button type="button" className="button small" onClick={showRunConsole}>
            Show
          </button>
        </>
      )}
    </span>
  );
}

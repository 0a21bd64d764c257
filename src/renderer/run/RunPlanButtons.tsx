/**
 * The Plan tab's way into a run: "Run in lab…" and "Rehearse…" open the review (where a live server
 * can be chosen instead). One run at a time: while one goes on, the buttons bring its console back.
 */
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/store';
import './run.css';

export function RunPlanButtons() {
  const { running, openRunReview, showRunConsole } = useAppStore(
    useShallow((s) => ({ running: s.runView?.run.status === 'running', openRunReview: s.openRunReview, showRunConsole: s.showRunConsole })),
  );
  if (running) {
    return (
      <div className="plan-run" role="group" aria-label="Run the plan">
        <span className="plan-label">Run</span>
        <button type="button" className="button small" data-testid="plan-show-run" onClick={showRunConsole}>
          A run is going on: show it
        </button>
      </div>
    );
  }
  return (
    <div className="plan-run" role="group" aria-label="Run the plan">
      <span className="plan-label">Run</span>
      <button type="button" className="button small primary" data-testid="plan-run" title="Review the commands, then run the plan in the lab (or choose a live server)" onClick={() => openRunReview('run')}>
        Run in lab…
      </button>
      <button type="button" className="button small" data-testid="plan-rehearse" title="Run every change with -WhatIf and every check: nothing is changed" onClick={() => openRunReview('rehearsal')}>
        Rehearse…
      </button>
    </div>
  );
}

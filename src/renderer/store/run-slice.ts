/**
 * The run console's part of the store: the run main is doing (or did last), folded from its events
 * (run/run-events.ts); whether the console shows, and whether it is reviewing a plan before a start;
 * the runs an earlier session left unfinished. Talking to main is run/run-actions.ts's job: this
 * slice only keeps what the answers and events say.
 */
import type { StateCreator } from 'zustand';
import type { RunEvent, RunMode, RunSummary } from '../../shared/run/types';
import { applyRunEvent, catchUp, type RunView } from '../run/run-events';
import type { AppState } from './store';

/** The finding-focus index of a discrepancy's highlight (plan steps use -1; findings 0 and up). */
export const RUN_FOCUS = -2;

/** Closed; reviewing the plan before starting it in `mode`; or showing the run. */
export type RunConsoleState = { kind: 'closed' } | { kind: 'review'; mode: RunMode } | { kind: 'open' };

export interface RunSlice {
  runView: RunView | null;
  runConsole: RunConsoleState;
  /** Requests for a summary on their way (start, resume, current): events wait in runBuffer meanwhile. */
  runSyncs: number;
  runBuffer: RunEvent[];
  /** Runs earlier sessions left unfinished, offered for resuming. */
  interruptedRuns: RunSummary[];
  /** The step the admin picked in the console's list; null follows the run. */
  runStepShown: string | null;
  /** Folds in an event: 'unknown-run' when it belongs to a run this window has not seen (catch up with run.current). */
  receiveRunEvent(event: RunEvent): 'handled' | 'unknown-run';
  beginRunSync(): void;
  /** A summary arrived (or none: the request failed); the events held meanwhile are applied on top. */
  endRunSync(summary: RunSummary | null): void;
  /** The prompt for the step was answered: it goes, whatever main says next. */
  promptAnswered(stepId: string): void;
  openRunReview(mode: RunMode): void;
  showRunConsole(): void;
  closeRunConsole(): void;
  setInterruptedRuns(runs: RunSummary[]): void;
  showRunStep(stepId: string | null): void;
  /** Highlights elements on the graph, as a clicked finding does. */
  focusRunElements(elements: readonly string[]): void;
}

export const createRunSlice: StateCreator<AppState, [], [], RunSlice> = (set, get) => ({
  runView: null,
  runConsole: { kind: 'closed' },
  runSyncs: 0,
  runBuffer: [],
  interruptedRuns: [],
  runStepShown: null,
  receiveRunEvent: (event) => {
    const { runView, runSyncs, runConsole } = get();
    if (runSyncs > 0) {
      set((s) => ({ runBuffer: [...s.runBuffer, event] }));
      return 'handled';
    }
    if (runView?.run.runId === event.runId) {
      const next = applyRunEvent(runView, event);
      // The run waits on the admin: the console comes back if it was put away, showing that step.
      const prompt = event.type === 'prompt';
      set({ runView: next, ...(prompt ? { runStepShown: null } : {}), ...(prompt && runConsole.kind === 'closed' ? { runConsole: { kind: 'open' } } : {}) });
      return 'handled';
    }
    if (event.type === 'finished') {
      // Its full summary travels with it.
      set({ runView: applyRunEvent({ run: event.run }, event), runStepShown: null });
      return 'handled';
    }
    return 'unknown-run';
  },
  beginRunSync: () => set((s) => ({ runSyncs: s.runSyncs + 1 })),
  endRunSync: (summary) =>
    set((s) => {
      const runSyncs = Math.max(0, s.runSyncs - 1);
      // Held events are kept until the last pending answer is in; applying one twice changes nothing.
      const runBuffer = runSyncs === 0 ? [] : s.runBuffer;
      if (summary === null) {
        // Nothing came back: the held events still count, for the run shown.
        const view = s.runView;
        return { runSyncs, runBuffer, ...(view ? { runView: s.runBuffer.filter((e) => e.runId === view.run.runId).reduce(applyRunEvent, view) } : {}) };
      }
      const sameRun = s.runView?.run.runId === summary.runId;
      return { runSyncs, runBuffer, runView: catchUp(summary, s.runBuffer, s.runView ?? undefined), ...(sameRun ? {} : { runStepShown: null }) };
    }),
  promptAnswered: (stepId) =>
    set((s) => {
      const view = s.runView;
      if (!view || view.run.prompt?.stepId !== stepId) return {};
      const { prompt: _answered, ...run } = view.run;
      return { runView: { ...view, run } };
    }),
  openRunReview: (mode) => set({ runConsole: { kind: 'review', mode } }),
  showRunConsole: () => set({ runConsole: { kind: 'open' } }),
  closeRunConsole: () =>
    set((s) => ({ runConsole: { kind: 'closed' }, findingFocus: s.findingFocus?.index === RUN_FOCUS ? null : s.findingFocus })),
  setInterruptedRuns: (interruptedRuns) => set({ interruptedRuns }),
  showRunStep: (runStepShown) => set({ runStepShown }),
  focusRunElements: (elements) =>
    set((s) => ({
      findingFocus: elements.length > 0 ? { index: RUN_FOCUS, elements: [...elements], seq: (s.findingFocus?.seq ?? 0) + 1 } : null,
      selectedId: null,
    })),
});

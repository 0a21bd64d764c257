/**
 * What the run console asks of main, through `window.api` intents only (main plans the run and
 * builds every command itself): start, answer a prompt, stop, resume, export the report, save a
 * credential; and the events main pushes while a run goes on. Answers land in the run slice;
 * failures become readable errors.
 */
import type { RunAnswer, RunEnvironment, RunEvent, RunMode, RunSummary } from '../../shared/run/types';
import { useAppStore } from '../store/store';
import { graphHandle } from '../graph/graph-handle';
import { openResult } from '../store/actions';
import { readableMessage } from '../store/error-message';

/**
 * Asks main for a run summary while holding the run's events, then applies the held ones on top:
 * whichever arrives first, the console ends with the newest state.
 */
async function sync(request: () => Promise<RunSummary | null>): Promise<RunSummary | null> {
  const store = useAppStore.getState();
  store.beginRunSync();
  let summary: RunSummary | null = null;
  try {
    summary = await request();
    return summary;
  } finally {
    useAppStore.getState().endRunSync(summary);
  }
}

function onRunEvent(event: RunEvent): void {
  if (useAppStore.getState().receiveRunEvent(event) === 'unknown-run') {
    // A run this window has not seen (started before a reload): catch up with main's view of it.
    void catchUpWithMain();
  }
}

async function catchUpWithMain(): Promise<void> {
  try {
    const current = await sync(() => window.api['run.current']());
    if (current?.status === 'running') useAppStore.getState().showRunConsole();
  } catch (err) {
    useAppStore.getState().fail(`Could not read the run in progress: ${readableMessage(err)}`);
  }
}

/**
 * Listens to the run's events and catches up with main (a reload in the middle of a run shows the
 * run where it is, its prompt included), and looks for runs earlier sessions left unfinished.
 * Returns the unsubscribe.
 */
export function connectRunConsole(): () => void {
  const off = window.poolpilotEvents?.on('run.event', onRunEvent) ?? (() => undefined);
  void catchUpWithMain();
  void window.api['run.interrupted']()
    .then((runs) => useAppStore.getState().setInterruptedRuns(runs))
    .catch((err: unknown) => useAppStore.getState().fail(`Could not look for unfinished runs: ${readableMessage(err)}`));
  return off;
}

/** Starts the plan of the deployment and scenario shown; the error, written for the admin, or null. */
export async function startRun(mode: RunMode, confirmAll: boolean, environment: RunEnvironment): Promise<string | null> {
  const { deployment, scenario } = useAppStore.getState();
  if (!deployment) return 'No deployment is open.';
  try {
    await sync(() => window.api['run.start']({ deployment, scenario, mode, confirmAll: mode === 'run' && confirmAll, environment }));
    useAppStore.getState().showRunStep(null);
    useAppStore.getState().showRunConsole();
    return null;
  } catch (err) {
    return readableMessage(err);
  }
}

/** Answers what the run waits for; the prompt goes once main has it. */
export async function answerPrompt(stepId: string, answer: RunAnswer): Promise<void> {
  const run = useAppStore.getState().runView?.run;
  if (!run) return;
  try {
    await window.api['run.respond']({ runId: run.runId, stepId, answer });
    useAppStore.getState().promptAnswered(stepId);
  } catch (err) {
    useAppStore.getState().fail(`The answer did not reach the run: ${readableMessage(err)}`);
  }
}

export async function stopRun(): Promise<void> {
  const run = useAppStore.getState().runView?.run;
  if (!run) return;
  try {
    await window.api['run.stop']({ runId: run.runId });
    useAppStore.getState().notify('Stopping the run: the step running now finishes, then it stops. It can be resumed.');
  } catch (err) {
    useAppStore.getState().fail(`Could not stop the run: ${readableMessage(err)}`);
  }
}

export async function resumeRun(runId: string): Promise<void> {
  try {
    await sync(() => window.api['run.resume']({ runId }));
    const store = useAppStore.getState();
    store.setInterruptedRuns(store.interruptedRuns.filter((r) => r.runId !== runId));
    store.showRunStep(null);
    store.showRunConsole();
  } catch (err) {
    useAppStore.getState().fail(`Could not resume the run: ${readableMessage(err)}`);
  }
}

export const REPORT_LABELS = { html: 'HTML', md: 'Markdown', json: 'JSON' } as const;

export async function exportRunReport(format: keyof typeof REPORT_LABELS): Promise<void> {
  const run = useAppStore.getState().runView?.run;
  if (!run) return;
  try {
    const saved = await window.api['run.exportReport']({ runId: run.runId, format });
    if (saved !== null) useAppStore.getState().notify(`Run report (${REPORT_LABELS[format]}) saved to ${saved.path}`);
  } catch (err) {
    useAppStore.getState().fail(`Could not export the run report: ${readableMessage(err)}`);
  }
}

/**
 * Shows the deployment as the run left it, the way any opened deployment is shown (graph,
 * inspector, status bar), in the layout on screen unless it has one of its own saved: the admin
 * compares like with like.
 */
export async function showStateAfterRun(): Promise<void> {
  const after = useAppStore.getState().runView?.finished?.after;
  if (after) await openResult(after, graphHandle()?.positions());
}

/** Saves a live endpoint's credential in main (encrypted there); the password is not kept here. */
export async function saveCredential(endpoint: string, userName: string, password: string): Promise<string | null> {
  try {
    await window.api['credentials.save']({ endpoint, userName, password });
    return null;
  } catch (err) {
    return readableMessage(err);
  }
}

/** Whose credential is saved for the endpoint, or null (Windows integrated authentication). */
export async function savedCredential(endpoint: string): Promise<string | null> {
  try {
    return (await window.api['credentials.get']({ endpoint }))?.userName ?? null;
  } catch {
    // Not a host name yet (the admin is typing): nothing saved under it.
    return null;
  }
}

export async function forgetCredential(endpoint: string): Promise<string | null> {
  try {
    await window.api['credentials.forget']({ endpoint });
    return null;
  } catch (err) {
    return readableMessage(err);
  }
}

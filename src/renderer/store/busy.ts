/** Helpers for the long operations the status bar shows (see busy-slice.ts). */
import { useAppStore } from './store';

/** Runs `work` while its label shows in the status bar, however it ends; `work` gets the task's id to relabel it. */
export async function whileBusy<T>(label: string, work: (task: number) => Promise<T>): Promise<T> {
  const task = useAppStore.getState().startBusy(label);
  try {
    return await work(task);
  } finally {
    useAppStore.getState().endBusy(task);
  }
}

/** Longest wait for a frame: a hidden window gets none, and the work must go on anyway. */
const PAINT_WAIT_MS = 100;

/**
 * Resolves once the browser has painted what the store just changed — before work that holds the
 * page's thread for seconds (drawing 2000 pools, rendering the PNG), which would otherwise run
 * before the progress bar for it ever appears.
 */
export function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve, 0));
    setTimeout(resolve, PAINT_WAIT_MS);
  });
}

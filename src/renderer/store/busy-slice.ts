/**
 * The long operations going on (opening a deployment until its graph is drawn, saving a snapshot,
 * exporting an image or a runbook), each with the label the status bar shows beside its progress
 * bar. Several can overlap (an export while a discovery opens its result), so it is a list.
 */
import type { StateCreator } from 'zustand';
import type { AppState } from './store';

export interface BusyTask {
  id: number;
  /** What is going on, as the admin would say it: "Exporting the graph image". */
  label: string;
}

export interface BusySlice {
  busy: BusyTask[];
  busySeq: number;
  /** Adds an operation to the list; returns its id for relabelBusy and endBusy. */
  startBusy(label: string): number;
  /** Says what an operation is doing now (e.g. which file, once the admin chose it). */
  relabelBusy(id: number, label: string): void;
  endBusy(id: number): void;
}

export const createBusySlice: StateCreator<AppState, [], [], BusySlice> = (set, get) => ({
  busy: [],
  busySeq: 0,
  startBusy: (label) => {
    const id = get().busySeq + 1;
    set((s) => ({ busy: [...s.busy, { id, label }], busySeq: id }));
    return id;
  },
  relabelBusy: (id, label) => set((s) => ({ busy: s.busy.map((t) => (t.id === id ? { ...t, label } : t)) })),
  endBusy: (id) => set((s) => (s.busy.some((t) => t.id === id) ? { busy: s.busy.filter((t) => t.id !== id) } : {})),
});

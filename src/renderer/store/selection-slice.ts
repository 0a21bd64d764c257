/** What the admin selected, and whether its blast radius is shown. */
import type { StateCreator } from 'zustand';
import type { AppState } from './store';

/** How far the graph should go to show a newly selected element. */
export type Reveal = 'zoom' | 'pan';

export interface FocusRequest {
  id: string;
  reveal: Reveal;
  /** Distinguishes repeated requests for the same element. */
  seq: number;
}

export interface SelectionSlice {
  selectedId: string | null;
  blastOn: boolean;
  focusRequest: FocusRequest | null;
  /** Selects an element (pool FQDN, `site:<id>` or edge id); `reveal` brings it into view. */
  select(id: string | null, reveal?: Reveal): void;
  setBlast(on: boolean): void;
}

export const createSelectionSlice: StateCreator<AppState, [], [], SelectionSlice> = (set) => ({
  selectedId: null,
  blastOn: true,
  focusRequest: null,
  select: (id, reveal) =>
    set((s) => ({
      selectedId: id,
      // Selecting (or clearing the selection) ends a highlighted finding's focus.
      findingFocus: null,
      focusRequest: id !== null && reveal ? { id, reveal, seq: (s.focusRequest?.seq ?? 0) + 1 } : s.focusRequest,
    })),
  setBlast: (on) => set({ blastOn: on }),
});

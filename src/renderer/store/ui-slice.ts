/**
 * Messages for the admin (short-lived toasts for done things, errors that stay until dismissed),
 * which side-panel tab is showing, and the what-if dialog that is open.
 */
import type { StateCreator } from 'zustand';
import type { DialogRequest } from '../whatif/proposals';
import type { AppState } from './store';

export type SideTab = 'details' | 'whatIf' | 'plan';

export interface Notice {
  id: number;
  message: string;
}

export interface UiSlice {
  toasts: Notice[];
  errors: Notice[];
  noticeSeq: number;
  sideTab: SideTab;
  /** A what-if choice being made in a dialog ("Change next hop…"). */
  dialog: DialogRequest | null;
  setSideTab(tab: SideTab): void;
  openProposalDialog(dialog: DialogRequest): void;
  closeProposalDialog(): void;
  notify(message: string): void;
  fail(message: string): void;
  dismissToast(id: number): void;
  dismissError(id: number): void;
}

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  toasts: [],
  errors: [],
  noticeSeq: 0,
  sideTab: 'details',
  dialog: null,
  setSideTab: (sideTab) => set({ sideTab }),
  openProposalDialog: (dialog) => set({ dialog }),
  closeProposalDialog: () => set({ dialog: null }),
  notify: (message) => set((s) => ({ toasts: [...s.toasts, { id: s.noticeSeq + 1, message }], noticeSeq: s.noticeSeq + 1 })),
  // The same error twice in a row (a retried action) is shown once.
  fail: (message) =>
    set((s) =>
      s.errors.at(-1)?.message === message
        ? {}
        : { errors: [...s.errors, { id: s.noticeSeq + 1, message }], noticeSeq: s.noticeSeq + 1 },
    ),
  dismissToast: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
  dismissError: (id) => set((s) => ({ errors: s.errors.filter((e) => e.id !== id) })),
});

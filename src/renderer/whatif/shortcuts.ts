/**
 * The what-if keyboard shortcuts: Ctrl+Z undoes the last scenario edit, Ctrl+Y (or Ctrl+Shift+Z)
 * redoes it, and D marks the selected pool or site down, or back up. ⌘ stands in for Ctrl on a Mac.
 */
export type WhatIfShortcut = 'undo' | 'redo' | 'toggleDown';

interface Keys {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

export function whatIfShortcut(e: Keys): WhatIfShortcut | undefined {
  if (e.altKey) return undefined;
  const key = e.key.toLowerCase();
  if (e.ctrlKey || e.metaKey) {
    if (key === 'z') return e.shiftKey ? 'redo' : 'undo';
    if (key === 'y' && !e.shiftKey) return 'redo';
    return undefined;
  }
  return key === 'd' && !e.shiftKey ? 'toggleDown' : undefined;
}

/** "Recent ▾": the files opened lately, read from main each time the menu opens. */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { RecentFile } from '../../shared/ipc/contract';
import { listRecent, openPath } from '../store/actions';
import { useAppStore } from '../store/store';

export function RecentMenu({ disabled }: { disabled: boolean }) {
  const [items, setItems] = useState<RecentFile[] | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLUListElement>(null);
  const open = items !== null;

  const close = (refocus: boolean) => {
    setItems(null);
    if (refocus) buttonRef.current?.focus();
  };

  const toggle = () => {
    if (open) return close(false);
    listRecent().then(setItems, (err: unknown) => useAppStore.getState().fail(err instanceof Error ? err.message : String(err)));
  };

  // Focus the first entry when the menu opens, so arrow keys work at once.
  useEffect(() => {
    if (open) menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [open]);

  // A click anywhere else closes the menu.
  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (!menuRef.current?.contains(e.target as Node) && e.target !== buttonRef.current) close(false);
    };
    window.addEventListener('pointerdown', onPointer);
    return () => window.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const onMenuKey = (e: KeyboardEvent<HTMLUListElement>) => {
    const entries = [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = entries.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'Escape' || e.key === 'Tab') {
      e.preventDefault();
      close(true);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      entries[(at + step + entries.length) % entries.length]?.focus();
    }
  };

  return (
    <div className="menu-anchor">
      <button
        ref={buttonRef}
        type="button"
        data-testid="toolbar-recent"
        aria-label="Recent files"
        aria-haspopup="menu"
        aria-expanded={open}
        disabled={disabled}
        onClick={toggle}
      >
        Recent ▾
      </button>
      {open && (
        <ul ref={menuRef} className="menu" role="menu" aria-label="Recent files" data-testid="recent-menu" onKeyDown={onMenuKey}>
          {items.length === 0 ? (
            <li role="menuitem" aria-disabled="true" tabIndex={-1} className="menu-empty">
              No recent files
            </li>
          ) : (
            items.map((item) => (
              <li
                key={item.path}
                role="menuitem"
                tabIndex={-1}
                title={item.path}
                onClick={() => {
                  close(true);
                  void openPath(item.path);
                }}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    close(true);
                    void openPath(item.path);
                  }
                }}
              >
                <span className="menu-name">{item.name}</span>
                <span className="menu-detail">{item.path}</span>
              </li>
            ))
          )}
        </ul>
      )}
    </div>
  );
}

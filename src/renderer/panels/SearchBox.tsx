/**
 * Find a pool, server or site (Ctrl+F). A combobox: typing lists matches, arrow keys move through
 * them, Enter selects one and the graph zooms to it.
 */
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { useAppStore } from '../store/store';
import { searchDeployment, type SearchHit } from '../graph/search';

export const SEARCH_INPUT_ID = 'search-input';

export function SearchBox() {
  const deployment = useAppStore((s) => s.deployment);
  const select = useAppStore((s) => s.select);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const listId = useId();

  const result = useMemo(() => (deployment ? searchDeployment(deployment, query) : { hits: [], total: 0 }), [deployment, query]);
  const showList = open && query.trim() !== '';
  const noMatch = query.trim() !== '' && result.total === 0;

  const choose = (hit: SearchHit | undefined) => {
    if (!hit) return;
    select(hit.elementId, 'zoom');
    setOpen(false);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      const n = result.hits.length;
      if (n > 0) setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : -1) + n) % n);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      choose(result.hits[active] ?? result.hits[0]);
    } else if (e.key === 'Escape') {
      if (showList) setOpen(false);
      else setQuery('');
    }
  };

  return (
    <div className="search" role="search">
      <input
        id={SEARCH_INPUT_ID}
        data-testid="search-input"
        type="search"
        role="combobox"
        aria-label="Find a pool, server or site (Ctrl+F)"
        aria-expanded={showList && result.hits.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showList && result.hits[active] ? `${listId}-${active}` : undefined}
        aria-invalid={noMatch}
        placeholder="Find pool, server or site…  Ctrl+F"
        value={query}
        disabled={!deployment}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      {noMatch && (
        <span className="search-no-match" role="status" data-testid="search-no-match">
          No match
        </span>
      )}
      {showList && result.hits.length > 0 && (
        <ul id={listId} className="search-results" role="listbox" aria-label="Matches" data-testid="search-results">
          {result.hits.map((hit, i) => (
            <li
              key={`${hit.elementId} ${hit.label}`}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              // mousedown, not click: the input's blur would close the list before a click lands.
              onMouseDown={(e) => {
                e.preventDefault();
                choose(hit);
              }}
            >
              <span className="hit-label">{hit.label}</span>
              <span className="hit-detail">{hit.detail}</span>
            </li>
          ))}
          {result.total > result.hits.length && (
            <li className="search-more" aria-disabled="true">
              {result.total - result.hits.length} more — keep typing to narrow down
            </li>
          )}
        </ul>
      )}
    </div>
  );
}

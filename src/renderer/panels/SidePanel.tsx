/** The right-hand panel: inspector on top, import warnings and legend as foldable sections below. */
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/store';
import { Inspector } from './Inspector';
import { IssuesPanel } from './IssuesPanel';
import { Legend } from './Legend';
import { Collapsible } from './Collapsible';

export function SidePanel() {
  const { issues, openSeq } = useAppStore(useShallow((s) => ({ issues: s.issues, openSeq: s.openSeq })));
  const errors = issues.filter((i) => i.severity === 'error').length;
  return (
    <aside className="side-panel" aria-label="Details">
      <Inspector />
      {issues.length > 0 && (
        // Keyed by open: each newly opened file shows its warnings unfolded again.
        <Collapsible
          key={openSeq}
          testId="issues-panel"
          className={errors > 0 ? 'has-errors' : 'has-warnings'}
          initiallyOpen
          title={
            <>
              Import issues <span className="count">({issues.length})</span>
            </>
          }
        >
          <IssuesPanel />
        </Collapsible>
      )}
      <Collapsible testId="legend-panel" initiallyOpen title="Legend">
        <Legend />
      </Collapsible>
    </aside>
  );
}

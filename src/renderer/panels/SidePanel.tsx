/**
 * The right-hand panel, in three tabs: Details (the inspector, import warnings, legend), What-if
 * (the scenario and its findings) and Plan (its procedures step by step: plan/PlanPanel.tsx). The
 * What-if tab's name carries the blocker count, so a blocked plan shows even while the admin reads
 * details. Tabs follow the WAI-ARIA pattern: arrow keys move between them.
 */
import type { KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/store';
import type { SideTab } from '../store/ui-slice';
import { Inspector } from './Inspector';
import { IssuesPanel } from './IssuesPanel';
import { Legend } from './Legend';
import { Collapsible } from './Collapsible';
import { WhatIfPanel, countBySeverity } from './WhatIfPanel';
import { PlanTabButton } from '../plan/PlanTab';
import { PlanPanel } from '../plan/PlanPanel';
import { SeverityIcon } from './SeverityIcon';

const TABS: SideTab[] = ['details', 'whatIf', 'plan'];

function DetailsTab() {
  const { issues, openSeq } = useAppStore(useShallow((s) => ({ issues: s.issues, openSeq: s.openSeq })));
  const errors = issues.filter((i) => i.severity === 'error').length;
  return (
    <>
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
    </>
  );
}

export function SidePanel() {
  const { tab, setTab, blockers, warnings } = useAppStore(
    useShallow((s) => {
      const counts = countBySeverity(s.findings);
      return { tab: s.sideTab, setTab: s.setSideTab, blockers: counts.blocker, warnings: counts.warning };
    }),
  );
  const onTabKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight' && e.key !== 'Home' && e.key !== 'End') return;
    e.preventDefault();
    const at = TABS.indexOf(tab);
    const next = e.key === 'Home' ? 0 : e.key === 'End' ? TABS.length - 1 : (at + (e.key === 'ArrowRight' ? 1 : -1) + TABS.length) % TABS.length;
    setTab(TABS[next]!);
    document.getElementById(`side-tab-${TABS[next]}`)?.focus();
  };
  return (
    <aside className="side-panel" aria-label="Details, what-if and plan">
      <div className="side-tabs" role="tablist" aria-label="Side panel" onKeyDown={onTabKey}>
        <button
          type="button"
          role="tab"
          id="side-tab-details"
          data-testid="tab-details"
          aria-selected={tab === 'details'}
          aria-controls={tab === 'details' ? 'side-panel-details' : undefined}
          tabIndex={tab === 'details' ? 0 : -1}
          onClick={() => setTab('details')}
        >
          Details
        </button>
        <button
          type="button"
          role="tab"
          id="side-tab-whatIf"
          data-testid="tab-whatif"
          aria-selected={tab === 'whatIf'}
          aria-controls={tab === 'whatIf' ? 'side-panel-whatIf' : undefined}
          tabIndex={tab === 'whatIf' ? 0 : -1}
          onClick={() => setTab('whatIf')}
        >
          What-if
          {/* The worst news only: the count is read out with its word, shown with its icon. */}
          {blockers > 0 && (
            <span className="tab-badge severity-blocker">
              <SeverityIcon severity="blocker" size={12} />
              <span className="visually-hidden">: </span>
              <span data-testid="tab-whatif-blockers">{blockers}</span>
              <span className="visually-hidden">{blockers === 1 ? ' blocker' : ' blockers'}</span>
            </span>
          )}
          {blockers === 0 && warnings > 0 && (
            <span className="tab-badge severity-warning">
              <SeverityIcon severity="warning" size={12} />
              <span className="visually-hidden">: </span>
              {warnings}
              <span className="visually-hidden">{warnings === 1 ? ' warning' : ' warnings'}</span>
            </span>
          )}
        </button>
        <PlanTabButton selected={tab === 'plan'} onSelect={() => setTab('plan')} />
      </div>
      {/* Only the shown tab is mounted: each test id and element id exists once. */}
      <div className="side-tab-panel" role="tabpanel" id={`side-panel-${tab}`} aria-labelledby={`side-tab-${tab}`}>
        {tab === 'details' ? <DetailsTab /> : tab === 'whatIf' ? <WhatIfPanel /> : <PlanPanel />}
      </div>
    </aside>
  );
}

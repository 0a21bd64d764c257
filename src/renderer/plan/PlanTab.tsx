/** The Plan tab of the side panel (WAI-ARIA tab; its panel is PlanPanel). Ctrl+P selects it too. */
import { PLAN_TAB_ID } from './shortcut';

export function PlanTabButton({ selected, onSelect }: { selected: boolean; onSelect: () => void }) {
  return (
    <button
      type="button"
      role="tab"
      id={PLAN_TAB_ID}
      data-testid="tab-plan"
      aria-selected={selected}
      aria-controls={selected ? 'side-panel-plan' : undefined}
      aria-keyshortcuts="Control+P"
      title="The procedures step by step, and the runbook exports (Ctrl+P)"
      tabIndex={selected ? 0 : -1}
      onClick={onSelect}
    >
      Plan
    </button>
  );
}

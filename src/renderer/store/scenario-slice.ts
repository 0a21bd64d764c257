/**
 * The what-if scenario on the open deployment: what is marked down and the changes proposed, in
 * the order they would run, with undo/redo of each edit (scenario-history.ts). After every edit the
 * findings are validated from scratch and the graph shows the deployment as the changes leave it.
 */
import type { StateCreator } from 'zustand';
import type { Deployment, Relation } from '../../shared/model/types';
import { deriveRelations } from '../../shared/model/relations';
import { applyScenario } from '../../shared/scenario/apply';
import { addChange, emptyScenario, insertChange, removeChange, setDown } from '../../shared/scenario/edit';
import type { DownComponent, Scenario, ScenarioChange } from '../../shared/scenario/types';
import { validate } from '../../shared/rules/validate';
import { applyFix } from '../../shared/rules/apply-fix';
import { nextHopCommand, type NextHopAction } from '../../shared/rules/next-hop-command';
import type { Finding, QuickFix } from '../../shared/rules/types';
import { nextHopInsertionIndex } from '../whatif/placement';
import { record, redoEdit, startHistory, undoEdit, type ScenarioHistory } from './scenario-history';
import type { AppState } from './store';

/** "This change means:" — what a proposed next-hop reassignment takes, shown once it is made. */
export interface ChangeNotice {
  edgePool: string;
  nextHop: string;
  action: NextHopAction;
}

/** The finding whose elements the graph highlights. */
export interface FindingFocus {
  index: number;
  elements: string[];
  /** Distinguishes clicking the same finding again (brings it back into view). */
  seq: number;
}

export interface ScenarioSlice {
  scenario: Scenario;
  /** Scenarios before the edits that can be undone, oldest first. */
  past: Scenario[];
  /** Scenarios the undone edits made, the next redo last. */
  future: Scenario[];
  /** validate(deployment, scenario), blockers first. */
  findings: Finding[];
  /** applyScenario(deployment, scenario): what the graph and the inspector show. */
  shown: Deployment | null;
  shownRelations: Relation[];
  findingFocus: FindingFocus | null;
  changeNotice: ChangeNotice | null;
  /** Whether the draw.io and SVG exports draw the scenario over the deployment (its own layer). */
  whatIfOnDiagrams: boolean;
  setWhatIfOnDiagrams(on: boolean): void;
  undoScenario(): void;
  redoScenario(): void;
  setComponentDown(component: DownComponent, down: boolean): void;
  /** Adds a change where it must run (see placement.ts) and says what a next-hop change takes. */
  proposeChange(change: ScenarioChange): void;
  removeScenarioChange(index: number): void;
  applyQuickFix(fix: QuickFix): void;
  focusFinding(index: number | null): void;
  dismissChangeNotice(): void;
}

/**
 * The scenario's part of the store for `deployment` (whose relations are `relations`): the
 * scenario and everything derived from it.
 */
export function scenarioState(deployment: Deployment | null, relations: Relation[], scenario: Scenario) {
  if (!deployment) return { scenario, findings: [], shown: null, shownRelations: [] };
  const shown = applyScenario(deployment, scenario);
  return {
    scenario,
    findings: validate(deployment, scenario),
    shown,
    // Nothing applied: the deployment's own relations, already derived.
    shownRelations: shown === deployment ? relations : deriveRelations(shown),
  };
}

/** State for a newly opened deployment and the scenario saved with it (or none). */
export function openedScenarioState(deployment: Deployment, relations: Relation[], saved: Scenario | undefined) {
  const history = startHistory(saved ?? emptyScenario());
  return {
    ...scenarioState(deployment, relations, history.present),
    past: history.past,
    future: history.future,
    findingFocus: null,
    changeNotice: null,
  };
}

function noticeFor(deployment: Deployment, change: ScenarioChange): ChangeNotice | null {
  if (change.kind !== 'reassignNextHop') return null;
  try {
    return { edgePool: change.edgePool, nextHop: change.nextHop, action: nextHopCommand(deployment, change.edgePool, change.nextHop) };
  } catch {
    // A pool missing from the topology: validation reports it; there is no command to show.
    return null;
  }
}

export const createScenarioSlice: StateCreator<AppState, [], [], ScenarioSlice> = (set, get) => {
  /** Moves to a new history, recomputing what derives from the scenario. */
  const commit = (history: ScenarioHistory, notice: ChangeNotice | null = null) => {
    const { deployment, relations } = get();
    set({
      ...scenarioState(deployment, relations, history.present),
      past: history.past,
      future: history.future,
      // The findings were renumbered; a highlighted one may be gone.
      findingFocus: null,
      changeNotice: notice,
      dirty: true,
      // An edit made from the details (or the graph) shows what it did; other tabs stay put.
      ...(get().sideTab === 'details' ? { sideTab: 'whatIf' as const } : {}),
    });
  };
  const history = (): ScenarioHistory => {
    const { past, scenario, future } = get();
    return { past, present: scenario, future };
  };
  const edit = (fn: (s: Scenario) => Scenario, notice: ChangeNotice | null = null) => {
    if (!get().deployment) return;
    const next = record(history(), fn(get().scenario));
    if (next.present !== get().scenario) commit(next, notice);
  };

  return {
    scenario: emptyScenario(),
    past: [],
    future: [],
    findings: [],
    shown: null,
    shownRelations: [],
    findingFocus: null,
    changeNotice: null,
    whatIfOnDiagrams: true,
    setWhatIfOnDiagrams: (on) => set({ whatIfOnDiagrams: on }),
    undoScenario: () => {
      if (get().past.length > 0) commit(undoEdit(history()));
    },
    redoScenario: () => {
      if (get().future.length > 0) commit(redoEdit(history()));
    },
    setComponentDown: (component, down) => edit((s) => setDown(s, component, down)),
    proposeChange: (change) => {
      const { deployment, findings } = get();
      if (!deployment) return;
      if (change.kind === 'reassignNextHop') {
        edit((s) => insertChange(s, nextHopInsertionIndex(s, findings, change.edgePool), change), noticeFor(deployment, change));
      } else {
        edit((s) => addChange(s, change));
      }
    },
    removeScenarioChange: (index) => edit((s) => removeChange(s, index)),
    applyQuickFix: (fix) => {
      const { deployment } = get();
      if (deployment) edit((s) => applyFix(s, fix), noticeFor(deployment, fix.change));
    },
    focusFinding: (index) =>
      set((s) => {
        const finding = index === null ? undefined : s.findings[index];
        if (index === null || !finding) return { findingFocus: null };
        // The finding's elements are the highlight now, not a selection and its blast radius.
        return { findingFocus: { index, elements: finding.elements, seq: (s.findingFocus?.seq ?? 0) + 1 }, selectedId: null };
      }),
    dismissChangeNotice: () => set({ changeNotice: null }),
  };
};

/**
 * The deployment on screen: where it came from, what the import said about it, unsaved edits. A
 * newly opened deployment brings its saved what-if scenario (or none); a state edit re-validates it.
 */
import type { StateCreator } from 'zustand';
import type { OpenResult, Positions } from '../../shared/ipc/contract';
import type { Deployment, DeploymentState, ImportIssue, Relation } from '../../shared/model/types';
import { deriveRelations } from '../../shared/model/relations';
import type { AppState } from './store';
import { openedScenarioState, scenarioState } from './scenario-slice';

export interface DeploymentSlice {
  deployment: Deployment | null;
  /** deriveRelations(deployment), kept beside it so every panel reads the same list. */
  relations: Relation[];
  issues: ImportIssue[];
  positionsKey: string | null;
  /** Positions saved for this topology when it was opened, if any. */
  savedPositions: Positions | null;
  /** For a snapshot: when it was taken. */
  takenAt: string | undefined;
  /** For a snapshot saved incomplete: what is missing (OpenResult.incomplete). */
  incomplete: string[];
  /** The admin changed state (pairing, routes) or the what-if scenario since the deployment was opened or saved. */
  dirty: boolean;
  /** Counts opens, so the graph knows to lay out afresh (reopening the same file included). */
  openSeq: number;
  /** The openSeq whose graph has been laid out and drawn (GraphView says so). */
  drawnSeq: number;
  /** An open is in progress: from the request until its graph is drawn. */
  opening: boolean;
  loaded(result: OpenResult, savedPositions: Positions | null): void;
  editState(edit: (state: DeploymentState) => DeploymentState): void;
  markSaved(): void;
  setOpening(opening: boolean): void;
  graphDrawn(openSeq: number): void;
}

export const createDeploymentSlice: StateCreator<AppState, [], [], DeploymentSlice> = (set) => ({
  deployment: null,
  relations: [],
  issues: [],
  positionsKey: null,
  savedPositions: null,
  takenAt: undefined,
  incomplete: [],
  dirty: false,
  openSeq: 0,
  drawnSeq: 0,
  opening: false,
  loaded: (result, savedPositions) =>
    set((s) => {
      const relations = deriveRelations(result.deployment);
      return {
        deployment: result.deployment,
        relations,
        ...openedScenarioState(result.deployment, relations, result.scenario),
        issues: result.issues,
        positionsKey: result.positionsKey,
        savedPositions,
        takenAt: result.takenAt,
        incomplete: result.incomplete ?? [],
        dirty: false,
        openSeq: s.openSeq + 1,
        // A selection in the previous deployment means nothing in this one.
        selectedId: null,
        focusRequest: null,
      };
    }),
  editState: (edit) =>
    set((s) => {
      if (!s.deployment) return {};
      const deployment = { ...s.deployment, state: edit(s.deployment.state) };
      const relations = deriveRelations(deployment);
      return { deployment, relations, ...scenarioState(deployment, relations, s.scenario), dirty: true };
    }),
  markSaved: () => set({ dirty: false }),
  setOpening: (opening) => set({ opening }),
  graphDrawn: (openSeq) => set((s) => (openSeq > s.drawnSeq ? { drawnSeq: openSeq } : {})),
});

/** The renderer's single store: the source of truth the graph and panels render from. */
import { create } from 'zustand';
import { createDeploymentSlice, type DeploymentSlice } from './deployment-slice';
import { createSelectionSlice, type SelectionSlice } from './selection-slice';
import { createUiSlice, type UiSlice } from './ui-slice';
import { createScenarioSlice, type ScenarioSlice } from './scenario-slice';
import { createPlanSlice, type PlanSlice } from './plan-slice';
import { createRunSlice, type RunSlice } from './run-slice';
import { createDiscoverySlice, type DiscoverySlice } from './discovery-slice';
import { createBusySlice, type BusySlice } from './busy-slice';

export type AppState = DeploymentSlice & SelectionSlice & UiSlice & ScenarioSlice & PlanSlice & RunSlice & DiscoverySlice & BusySlice;

export const useAppStore = create<AppState>()((...a) => ({
  ...createDeploymentSlice(...a),
  ...createSelectionSlice(...a),
  ...createUiSlice(...a),
  ...createScenarioSlice(...a),
  ...createPlanSlice(...a),
  ...createRunSlice(...a),
  ...createDiscoverySlice(...a),
  ...createBusySlice(...a),
}));

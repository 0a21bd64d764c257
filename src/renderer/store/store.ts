/** The renderer's single store: the source of truth the graph and panels render from. */
import { create } from 'zustand';
import { createDeploymentSlice, type DeploymentSlice } from './deployment-slice';
import { createSelectionSlice, type SelectionSlice } from './selection-slice';
import { createUiSlice, type UiSlice } from './ui-slice';

export type AppState = DeploymentSlice & SelectionSlice & UiSlice;

export const useAppStore = create<AppState>()((...a) => ({
  ...createDeploymentSlice(...a),
  ...createSelectionSlice(...a),
  ...createUiSlice(...a),
}));

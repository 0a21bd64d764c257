import type { Core } from 'cytoscape';
import type { useAppStore } from './store/store';

declare global {
  interface Window {
    /** For tests and debugging in devtools: the graph and the store. Read-only use expected. */
    __poolpilot?: { cy: Core; store: typeof useAppStore };
  }
}
export {};

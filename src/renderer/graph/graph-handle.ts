/**
 * What the rest of the renderer may ask of the drawn graph (snapshot positions, PNG export, fit).
 * GraphView registers it while mounted; the cytoscape instance itself stays private to GraphView.
 */
import type { Positions } from '../../shared/ipc/contract';

export interface GraphHandle {
  /** Current pool positions, in model coordinates. */
  positions(): Positions;
  /** Positions of the pools and of the sites drawn empty (no pools inside), as on screen: what a diagram export lays out. */
  nodePositions(): Positions;
  /** The whole graph as a PNG (base64, no data: prefix), on white. */
  pngBase64(): string;
  fit(): void;
  /** Lays the graph out afresh, ignoring saved positions. */
  relayout(): void;
}

let current: GraphHandle | null = null;

export function setGraphHandle(handle: GraphHandle | null): void {
  current = handle;
}

export function graphHandle(): GraphHandle | null {
  return current;
}

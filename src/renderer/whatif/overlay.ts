/** What the graph adds for a what-if: the down marks, and the edges the proposed changes drew. */
import type { Deployment, Relation } from '../../shared/model/types';
import { relationEdgeId } from '../../shared/model/graph-ids';
import type { DownComponent } from '../../shared/scenario/types';
import type { WhatIfOverlay } from '../graph/elements';
import { downMarks } from '../../shared/scenario/down-marks';

/**
 * `relations`: the deployment's as it stands; `shownRelations`: as the changes leave it (the same
 * array when nothing is applied).
 */
export function whatIfOverlay(d: Deployment, relations: Relation[], shownRelations: Relation[], down: readonly DownComponent[]): WhatIfOverlay {
  const proposed = new Set<string>();
  if (shownRelations !== relations) {
    const before = new Set(relations.map(relationEdgeId));
    for (const r of shownRelations) {
      const id = relationEdgeId(r);
      if (!before.has(id)) proposed.add(id);
    }
  }
  return { down: downMarks(d, down), proposed };
}

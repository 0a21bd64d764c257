/**
 * Applying a scenario: the deployment as it would be after the changes in effect. Pure; what is
 * marked down does not change the deployment (it is the disaster, not a change), only the findings.
 */
import type { Deployment } from '../model/types';
import { activeChanges } from './edit';
import type { Scenario, ScenarioChange } from './types';
import { ScenarioView } from './view';

export function applyScenario(d: Deployment, s: Scenario): Deployment {
  return applyChanges(d, activeChanges(s));
}

export function applyChanges(d: Deployment, changes: readonly ScenarioChange[]): Deployment {
  if (changes.length === 0) return d;
  const view = new ScenarioView(d);
  for (const change of changes) view.apply(change);
  return view.toDeployment();
}

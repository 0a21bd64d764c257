/** Applying a quick fix: the scenario edit it stands for. */
import { insertChange, replaceChange } from '../scenario/edit';
import type { Scenario } from '../scenario/types';
import type { QuickFix } from './types';

export function applyFix(s: Scenario, fix: QuickFix): Scenario {
  return fix.replace ? replaceChange(s, fix.at, fix.change) : insertChange(s, fix.at, fix.change);
}

/**
 * The plan as data: what the run engine, the plan view and other tools read. The Plan type is
 * already JSON (types.ts), so this is its stable, readable serialisation.
 */
import type { Plan } from '../plan/types';

export function planToJson(plan: Plan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}

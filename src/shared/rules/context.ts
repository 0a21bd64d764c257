/**
 * What every rule gets: the deployment seen through the scenario (as it stands at the change being
 * checked, or at the end), the changes, and the findings list to add to.
 */
import type { ScenarioChange } from '../scenario/types';
import type { ScenarioView } from '../scenario/view';
import type { Finding } from './types';

export class RuleContext {
  readonly findings: Finding[] = [];
  /** Pool FQDN → index of the last change that fails it over: "being failed over" means a later one. */
  readonly lastFailover = new Map<string, number>();
  /** Keys (`<topic>|<element>`) already reported about a change, so end-state checks do not repeat them. */
  private readonly reported = new Set<string>();

  constructor(
    readonly view: ScenarioView,
    readonly changes: readonly ScenarioChange[],
    /** Milliseconds since the epoch: what "old" is measured against (Backup Service sync). */
    readonly now: number,
  ) {
    changes.forEach((c, i) => {
      if (c.kind === 'failoverPool') this.lastFailover.set(c.pool, i);
    });
  }

  add(finding: Finding): void {
    this.findings.push(finding);
  }

  markReported(topic: string, element: string): void {
    this.reported.add(`${topic}|${element}`);
  }

  wasReported(topic: string, element: string): boolean {
    return this.reported.has(`${topic}|${element}`);
  }

  /** Index of a change after `index` that fails `pool` over, if any. */
  failedOverAfter(pool: string, index: number): number | undefined {
    const last = this.lastFailover.get(pool);
    if (last === undefined || last <= index) return undefined;
    for (let j = index + 1; j < this.changes.length; j++) {
      const c = this.changes[j]!;
      if (c.kind === 'failoverPool' && c.pool === pool) return j;
    }
    return undefined;
  }

  /** Number of changes in effect: where an appended fix goes. */
  get end(): number {
    return this.changes.length;
  }
}

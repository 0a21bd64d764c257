/**
 * validate(deployment, scenario) → findings, recomputed from scratch after every edit. The changes
 * are walked in order, each checked against the deployment as the earlier changes left it (that is
 * when its cmdlet would run), then the end state is checked as a whole. One index is built per call
 * and every rule is linear in the deployment's size, so a full run stays within a few milliseconds
 * on thousands of pools.
 */
import type { Deployment } from '../model/types';
import { activeChanges } from '../scenario/edit';
import type { Scenario, ScenarioChange } from '../scenario/types';
import { ScenarioView } from '../scenario/view';
import { checkCmsAtEnd, checkCmsBeforeFailover, checkCmsFailover } from './cms';
import { RuleContext } from './context';
import { checkSipFederation, checkXmppMove, checkXmppRoutes } from './federation';
import { checkMediaEdges } from './media-edge';
import { checkEdgeNextHops, checkFailoverNextHop, checkReassignNextHop } from './next-hop';
import { checkChatFailback, checkChatFailover, checkChatPools } from './persistent-chat';
import { checkPairing, checkPairsDown, checkPoolFailback, checkPoolFailover } from './pool-failover';
import { checkChangeReferences, checkDownMarks } from './references';
import type { Finding, Severity } from './types';

export interface ValidateOptions {
  /** What "now" is for the Backup Service sync age (ms since the epoch); the current time by default. */
  now?: number;
}

const SEVERITY_ORDER: Record<Severity, number> = { blocker: 0, warning: 1, info: 2 };

export function validate(deployment: Deployment, scenario: Scenario, options: ValidateOptions = {}): Finding[] {
  const changes = activeChanges(scenario);
  const view = new ScenarioView(deployment, scenario.down);
  const ctx = new RuleContext(view, changes, options.now ?? Date.now());

  checkDownMarks(ctx, scenario.down);
  changes.forEach((change, index) => {
    if (checkChangeReferences(ctx, change, index)) checkChange(ctx, change, index);
    view.apply(change);
  });

  checkEdgeNextHops(ctx);
  checkCmsAtEnd(ctx);
  checkPairsDown(ctx);
  checkPairing(ctx);
  checkSipFederation(ctx);
  checkXmppRoutes(ctx);
  checkMediaEdges(ctx);
  checkChatPools(ctx);

  // Stable: within a severity, findings about changes come in change order, then the end state.
  return ctx.findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}

function checkChange(ctx: RuleContext, change: ScenarioChange, index: number): void {
  switch (change.kind) {
    case 'failoverPool':
      checkPoolFailover(ctx, change.pool, index);
      checkFailoverNextHop(ctx, change.pool, index);
      checkCmsBeforeFailover(ctx, change.pool, index);
      break;
    case 'failbackPool':
      checkPoolFailback(ctx, change.pool, index);
      break;
    case 'reassignNextHop':
      checkReassignNextHop(ctx, change, index);
      break;
    case 'moveXmppRoute':
      checkXmppMove(ctx, change, index);
      break;
    case 'failoverPersistentChat':
      checkChatFailover(ctx, change, index);
      break;
    case 'failbackPersistentChat':
      checkChatFailback(ctx, change, index);
      break;
    case 'failoverCms':
      checkCmsFailover(ctx, index);
      break;
    // Where these leave the deployment is what matters; the end-state checks (rules 7 and 9) see it.
    case 'moveSipFederation':
    case 'changeMediaEdge':
      break;
  }
}

export function hasBlocker(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'blocker');
}

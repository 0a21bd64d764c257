/**
 * The runbook in each export format, for the app's plan.export and the CLI's plan: one table, so
 * both write the same files. The HTML runbook carries the deployment diagram with the scenario
 * drawn over it (svg.ts), printed on a landscape page of its own.
 */
import type { PlanExportFormat } from '../ipc/contract';
import type { Deployment } from '../model/types';
import type { Plan } from '../plan/types';
import type { Scenario } from '../scenario/types';
import { planToHtml } from './html';
import { planToJson } from './json';
import { planToMarkdown } from './markdown';
import { planToPs1 } from './ps1';
import { deploymentToSvg } from './svg';

/** `plan` (made from `deployment` and `scenario`) written as `format`. */
export function runbookIn(format: PlanExportFormat, plan: Plan, deployment: Deployment, scenario: Scenario): string {
  switch (format) {
    case 'md':
      return planToMarkdown(plan);
    case 'html':
      return planToHtml(plan, { diagramSvg: deploymentToSvg(deployment, { scenario }) });
    case 'ps1':
      return planToPs1(plan);
    case 'json':
      return planToJson(plan);
  }
}

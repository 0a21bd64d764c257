/**
 * The plan, as an admin uses it on the demo: mark Pool1 down and propose its failover in the
 * What-if tab, open the plan (Ctrl+P), read the steps in order — the Edge next hop moved before the
 * failover, as a prerequisite the planner added — copy a command, select a step to see what it
 * touches on the graph, and export the runbook as a PowerShell script and as Markdown, which main
 * writes itself. A scenario with blockers gets no plan: the tab lists the blockers.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './harness';
import { seriousViolations } from './axe';
import { demoDeployment } from '../../src/shared/demo/demo';
import { buildPlan } from '../../src/shared/plan/planner';
import { formatMinutes } from '../../src/shared/plan/durations';

const POOL1 = 'pool1.contoso.com';
const POOL2 = 'pool2.contoso.com';
const EDGE1 = 'edgepool1.contoso.com';
const NEXT_HOP = `Set-CsEdgeServer -Identity 'EdgeServer:${EDGE1}' -Registrar 'Registrar:${POOL2}'`;
const FAILOVER = `Invoke-CsPoolFailover -PoolFqdn '${POOL1}' -DisasterMode -Verbose`;

/** Screenshots for a person to look at (git-ignored). */
const SHOTS = resolve(__dirname, '../../.tmp/plan');

async function waitForGraph(page: Page) {
  await page.waitForFunction((id) => {
    const cy = window.__poolpilot?.cy;
    return !!cy && cy.getElementById(id).nonempty() && performance.getEntriesByName('poolpilot:graph-shown').length > 0;
  }, POOL1);
}

async function classesOf(page: Page, id: string): Promise<string[]> {
  return page.evaluate((eleId) => window.__poolpilot!.cy.getElementById(eleId).classes() as string[], id);
}

/** Demo → Pool1 down (its right-click menu) → propose its failover, in the What-if tab. */
async function failOverPool1(page: Page) {
  await waitForGraph(page);
  const pool1 = await page.evaluate((id) => {
    const cy = window.__poolpilot!.cy;
    const pos = cy.getElementById(id).renderedPosition();
    const box = cy.container()!.getBoundingClientRect();
    return { x: box.left + pos.x, y: box.top + pos.y };
  }, POOL1);
  await page.mouse.click(pool1.x, pool1.y, { button: 'right' });
  await page.getByTestId('menu-mark-down').click();
  await page.getByTestId('whatif-panel').getByTestId('propose-failover').click();
  await expect(page.getByTestId('change-list')).toContainText(`Fail over ${POOL1}`);
}

test('plan a failover: steps in order, copy a command, see a step on the graph, export .ps1 and .md', async ({ app }) => {
  const { page, dialogs, workDir } = app;
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await failOverPool1(page);
  // The What-if tab shows the next-hop blocker; the planner resolves it with a prerequisite.
  await expect(page.getByTestId('tab-whatif-blockers')).toHaveText('1');

  await page.getByTestId('graph').focus();
  await page.keyboard.press('Control+p');
  await expect(page.getByTestId('tab-plan')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('tab-plan')).toBeFocused();
  const panel = page.getByTestId('plan-panel');
  await expect(panel).toBeVisible();

  await expect(panel.getByTestId('plan-title')).toHaveText(`Fail over ${POOL1} (Invoke-CsPoolFailover)`);
  const expected = buildPlan(demoDeployment(), { down: [{ kind: 'pool', fqdn: POOL1 }], changes: [{ kind: 'failoverPool', pool: POOL1 }], applied: 1 });
  await expect(panel.getByTestId('plan-total')).toHaveText(`Estimated total ${formatMinutes(expected.estimate)} · 3 procedures · 17 steps`);

  // Three procedures: the two prerequisites the planner added, then the admin's failover.
  const sections = panel.getByTestId('plan-section');
  await expect(sections).toHaveCount(3);
  await expect(sections.nth(0)).toContainText(`P0Make ${POOL2} the next hop of Edge pool ${EDGE1}`);
  await expect(sections.nth(0).getByTestId('plan-prerequisite')).toContainText('Added by the planner Needed before "Fail over pool1.contoso.com');
  await expect(sections.nth(1)).toContainText('P1Fail over the Central Management Store');
  await expect(sections.nth(1).getByTestId('plan-prerequisite')).toBeVisible();
  await expect(sections.nth(2)).toContainText(`P1Fail over ${POOL1} to ${POOL2}`);
  await expect(sections.nth(2).getByTestId('plan-prerequisite')).toHaveCount(0);

  // The commands in the order they run: Set-CsEdgeServer well before Invoke-CsPoolFailover.
  const commands = await panel.getByTestId('plan-command').allTextContents();
  const nextHopAt = commands.indexOf(NEXT_HOP);
  const failoverAt = commands.indexOf(FAILOVER);
  expect(nextHopAt).toBe(0);
  expect(failoverAt).toBe(commands.length - 1);

  // Each step: number, kind, source step, what to run and why.
  const setEdge = panel.getByTestId('plan-step').filter({ has: page.getByTestId('plan-command').getByText(NEXT_HOP, { exact: true }) });
  await expect(setEdge).toHaveAttribute('data-kind', 'command');
  await expect(setEdge).toContainText('1.1');
  await expect(setEdge).toContainText('Changes the deployment');
  await expect(setEdge).toContainText('Prerequisite');
  await expect(setEdge.getByTestId('plan-step-source')).toHaveText('P0');
  await expect(setEdge).toContainText('Run on the Management Shell');
  await expect(setEdge).toContainText('Why');
  const readBack = panel.locator('[data-step-id="reassignNextHop:edgepool1.contoso.com/read-back"]');
  await expect(readBack).toHaveAttribute('data-kind', 'check');
  await expect(readBack).toContainText(`Expect Registrar is Registrar:${POOL2}`);
  // A decision shows its branches, each with its condition and its own steps.
  const mirror = panel.locator('[data-step-id="failoverCms/mirror-state"]');
  await expect(mirror).toHaveAttribute('data-kind', 'decision');
  await expect(mirror.getByTestId('plan-step-source').first()).toHaveText('P1.5.1');
  await expect(mirror.getByTestId('plan-branch').first()).toContainText('If StateOnPrimary is Principal: The primary Back End');
  await expect(mirror.locator('[data-step-id="failoverCms/mirror-state/primary/cmdlet-parameters/force/failover-cms"]')).toContainText('P1.5.2');
  await page.screenshot({ path: join(SHOTS, 'plan-view.png') });
  expect(await seriousViolations(page)).toEqual([]);

  // Copy puts exactly the command shown on the clipboard.
  await setEdge.getByTestId('plan-copy').click();
  await expect(setEdge.getByTestId('plan-copy')).toHaveText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(NEXT_HOP);

  // Selecting the failover step highlights Pool1, Pool2 and the failover between them; the rest dims.
  const failover = panel.locator('[data-step-id="failoverPool:pool1.contoso.com/failover"]');
  await failover.getByTestId('plan-step-select').click();
  await expect(failover.getByTestId('plan-step-select')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => classesOf(page, POOL1)).toContain('finding-focus');
  expect(await classesOf(page, POOL2)).toContain('finding-focus');
  expect(await classesOf(page, `failedOverTo:${POOL1}->${POOL2}`)).toContain('finding-focus');
  expect(await classesOf(page, EDGE1)).toContain('dimmed');
  await page.screenshot({ path: join(SHOTS, 'plan-step-selected.png') });
  // The next-hop step shows the Edge pool and its new next hop instead.
  await setEdge.getByTestId('plan-step-select').click();
  await expect.poll(() => classesOf(page, EDGE1)).toContain('finding-focus');
  expect(await classesOf(page, POOL2)).toContain('finding-focus');
  expect(await classesOf(page, POOL1)).toContain('dimmed');
  await expect(failover.getByTestId('plan-step-select')).toHaveAttribute('aria-pressed', 'false');
  // Selecting it again takes the highlight away.
  await setEdge.getByTestId('plan-step-select').click();
  await expect.poll(() => classesOf(page, EDGE1)).not.toContain('finding-focus');
  expect(await classesOf(page, POOL1)).not.toContain('dimmed');

  // Export: main plans and writes the files; the renderer only names the format.
  const ps1Path = join(workDir, 'failover.ps1');
  dialogs.savePath = ps1Path;
  await panel.getByTestId('plan-export-ps1').click();
  await expect(page.getByTestId('toast').last()).toContainText(`PowerShell script saved to ${ps1Path}`);
  const ps1 = readFileSync(ps1Path, 'utf8');
  expect(ps1.startsWith('\uFEFF')).toBe(true);
  expect(ps1).toContain('Start-Transcript');
  expect(ps1.indexOf(NEXT_HOP)).toBeGreaterThan(0);
  expect(ps1.indexOf(FAILOVER)).toBeGreaterThan(ps1.indexOf(NEXT_HOP));

  const mdPath = join(workDir, 'failover.md');
  dialogs.savePath = mdPath;
  await panel.getByTestId('plan-export-md').click();
  await expect(page.getByTestId('toast').last()).toContainText(`Markdown runbook saved to ${mdPath}`);
  const md = readFileSync(mdPath, 'utf8');
  expect(md).toMatch(/^# Runbook: Fail over pool1\.contoso\.com/);
  expect(md).toContain(`\`\`\`powershell\n${NEXT_HOP}\n\`\`\``);
  expect(md.indexOf(FAILOVER)).toBeGreaterThan(md.indexOf(NEXT_HOP));
  expect(app.errors).toEqual([]);
});

test('a scenario with blockers gets no plan: the Plan tab lists them', async ({ app }) => {
  const { page } = app;
  await waitForGraph(page);
  // Failing back a pool that is not failed over: no prerequisite can fix that.
  await page.evaluate((pool) => window.__poolpilot!.store.getState().proposeChange({ kind: 'failbackPool', pool }), POOL1);
  await page.getByTestId('tab-plan').click();
  const panel = page.getByTestId('plan-panel');
  await expect(panel.getByTestId('plan-blocked')).toContainText('No plan: the scenario has 1 blocker.');
  await expect(panel.getByTestId('plan-blocker')).toHaveCount(1);
  await expect(panel.getByTestId('plan-blocker')).toContainText(POOL1);
  await expect(panel.getByTestId('plan-blocker')).toContainText('(change 1)');
  await expect(panel.getByTestId('plan-step')).toHaveCount(0);
  await expect(panel.getByTestId('plan-export-ps1')).toHaveCount(0);
  await page.screenshot({ path: join(SHOTS, 'plan-blocked.png') });
  expect(await seriousViolations(page)).toEqual([]);
  await panel.getByRole('button', { name: 'Open the What-if tab' }).click();
  await expect(page.getByTestId('tab-whatif')).toHaveAttribute('aria-selected', 'true');
  expect(app.errors).toEqual([]);
});

test('manual steps are checklists whose ticks survive a look at the What-if tab', async ({ app }) => {
  const { page } = app;
  await waitForGraph(page);
  // SIP federation moved off EdgePool1 (P3): Topology Builder work, set up in the store directly.
  await page.evaluate((edge) => {
    const store = window.__poolpilot!.store.getState();
    store.setComponentDown({ kind: 'pool', fqdn: edge }, true);
    store.proposeChange({ kind: 'moveSipFederation', edgePool: 'edgepool2.contoso.com' });
  }, EDGE1);
  await page.getByTestId('tab-plan').click();
  const clear = page.getByTestId('plan-panel').locator('[data-step-id="moveSipFederation:edgepool2.contoso.com/clear-federation"]');
  await expect(clear).toHaveAttribute('data-kind', 'manual');
  await expect(clear).toContainText('Manual: Topology Builder');
  const item = clear.getByTestId('plan-checklist').getByRole('checkbox').first();
  await item.check();
  // The step is about EdgePool1, which its checklist names.
  await clear.getByTestId('plan-step-select').click();
  await expect.poll(() => classesOf(page, EDGE1)).toContain('finding-focus');
  await page.getByTestId('tab-whatif').click();
  await page.getByTestId('tab-plan').click();
  await expect(item).toBeChecked();
  await item.uncheck();
  await expect(item).not.toBeChecked();
  expect(app.errors).toEqual([]);
});

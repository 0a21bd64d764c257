/**
 * Running a plan from the window, as an admin does on the demo (lab mode): mark Pool1 down, propose
 * its failover, open the Plan tab, "Run in lab…", review the commands that change the deployment,
 * and run — confirming the whole run with one tick, or each change as the run reaches it (its exact
 * command shown first; "Stop here" stops there, and a reload offers to resume). The steps go green
 * in the console, the report is exported by main, and the deployment after the run loads into the
 * graph: pool1's users served by pool2, the CMS on pool2. Manual steps are acknowledged item by item
 * (the SIP federation move: Topology Builder work), a failed check is skipped with a reason, and
 * what the deployment does not show as the plan meant is listed and highlighted on the graph.
 *
 * The runs go through the real RunService and the lab executable (test/support/renderer-host.ts).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { MODULE_LAB, test, expect } from './harness';
import { seriousViolations } from './axe';

const POOL1 = 'pool1.contoso.com';
const POOL2 = 'pool2.contoso.com';
const EDGE1 = 'edgepool1.contoso.com';
const EDGE2 = 'edgepool2.contoso.com';
const NEXT_HOP = `Set-CsEdgeServer -Identity 'EdgeServer:${EDGE1}' -Registrar 'Registrar:${POOL2}'`;
const FAILOVER = `Invoke-CsPoolFailover -PoolFqdn '${POOL1}' -DisasterMode -Verbose`;
const SET_EDGE_STEP = `reassignNextHop:${EDGE1}/set-edge-server`;
const FAILOVER_STEP = `failoverPool:${POOL1}/failover`;

/** Screenshots for a person to look at (git-ignored). */
const SHOTS = resolve(__dirname, '../../.tmp/run');

async function waitForGraph(page: Page) {
  await page.waitForFunction((id) => {
    const cy = window.__poolpilot?.cy;
    return !!cy && cy.getElementById(id).nonempty() && performance.getEntriesByName('poolpilot:graph-shown').length > 0;
  }, POOL1);
}

async function poolOnScreen(page: Page, id: string) {
  return page.evaluate((eleId) => {
    const cy = window.__poolpilot!.cy;
    const pos = cy.getElementById(eleId).renderedPosition();
    const box = cy.container()!.getBoundingClientRect();
    return { x: box.left + pos.x, y: box.top + pos.y };
  }, id);
}

/** Demo → Pool1 down (its right-click menu) → propose its failover → the Plan tab. */
async function planPool1Failover(page: Page) {
  await waitForGraph(page);
  const pool1 = await poolOnScreen(page, POOL1);
  await page.mouse.click(pool1.x, pool1.y, { button: 'right' });
  await page.getByTestId('menu-mark-down').click();
  await page.getByTestId('whatif-panel').getByTestId('propose-failover').click();
  await page.getByTestId('tab-plan').click();
  await expect(page.getByTestId('plan-title')).toHaveText(`Fail over ${POOL1} (Invoke-CsPoolFailover)`);
}

const row = (page: Page, stepId: string) => page.getByTestId('run-console').locator(`[data-testid="run-step"][data-step-id="${stepId}"]`);
const rowStatus = (page: Page, stepId: string) => row(page, stepId).getByTestId('run-step-status');

/** Every row of the console's step list, as [step id, the status word shown]. */
async function rowsShown(console: Locator): Promise<Array<[string, string]>> {
  return console.getByTestId('run-step').evaluateAll((rows) =>
    rows.map((r) => [r.getAttribute('data-step-id') ?? '', r.querySelector('[data-testid="run-step-status"]')?.textContent ?? '']),
  );
}

test('run the failover in the lab: confirm the whole run, every step green, the report, the deployment after it', async ({ app }) => {
  const { page, dialogs, workDir } = app;
  await planPool1Failover(page);
  await page.getByTestId('plan-run').click();

  // The review: the lab, every state-changing command exactly as it will run, nothing confirmed yet.
  const review = page.getByTestId('run-review');
  await expect(review.getByTestId('run-env-lab')).toBeChecked();
  const commands = await review.getByTestId('run-review-command').locator('code').allTextContents();
  expect(commands[0]).toBe(NEXT_HOP);
  expect(commands.at(-1)).toBe(FAILOVER);
  await expect(review.getByTestId('run-confirm-all')).not.toBeChecked();
  await review.getByTestId('run-confirm-all').check();
  await review.getByTestId('run-start').click();

  const console = page.getByTestId('run-console');
  await expect(console.getByTestId('run-env-banner')).toHaveText('Lab — simulated deployment. Nothing real is changed.');
  await expect(console.getByTestId('run-finished-heading')).toHaveText('Run completed', { timeout: 45_000 });
  await page.screenshot({ path: join(SHOTS, 'run-finished.png') });

  // Every step the run took shows green, grouped by procedure (the pre-flight checks folded away once
  // they all passed); the branches the CMS decisions did not take are not listed.
  await expect(console.getByTestId('run-group')).toHaveCount(4);
  await expect(console.getByTestId('run-preflight-count')).toHaveText(/^(\d+) of \1 passed$/);
  const planRows = console.locator('[data-testid="run-step"]:not([data-step-id^="preflight/"])');
  await expect(planRows).toHaveCount(12);
  for (const planRow of await planRows.all()) {
    await planRow.scrollIntoViewIfNeeded();
    await expect(planRow.getByTestId('run-step-status')).toBeVisible();
    await expect(planRow.getByTestId('run-step-status')).toHaveText('Succeeded');
  }
  const ids = (await rowsShown(console)).map(([id]) => id);
  expect(ids.indexOf(SET_EDGE_STEP)).toBeLessThan(ids.indexOf(FAILOVER_STEP));
  await expect(console.getByTestId('run-progress')).toHaveAttribute('aria-valuenow', '100');
  await expect(console.getByTestId('run-discrepancies-none')).toBeVisible();

  // The failover step: its exact command and what the lab's Invoke-CsPoolFailover said.
  await row(page, FAILOVER_STEP).getByRole('button').click();
  await expect(console.getByTestId('run-detail')).toContainText('Fail the users of pool1.contoso.com over to pool2.contoso.com');
  await expect(console.getByTestId('run-command')).toContainText(FAILOVER);
  await expect(console.getByTestId('run-detail-status')).toContainText('Succeeded');

  // The report, written by main where the (scripted) save dialog says.
  const reportPath = join(workDir, 'failover-report.md');
  dialogs.savePath = reportPath;
  await console.getByTestId('run-export-md').click();
  await expect(page.getByTestId('toast').last()).toContainText(`Run report (Markdown) saved to ${reportPath}`);
  const report = readFileSync(reportPath, 'utf8');
  expect(report).toContain('Make pool2.contoso.com the next hop of edgepool1.contoso.com');
  expect(report).toContain('Fail the users of pool1.contoso.com over to pool2.contoso.com');
  expect(report).toContain(FAILOVER);

  // The deployment as the run left it, in the graph, the inspector and the status bar.
  await console.getByTestId('run-show-after').click();
  await expect(console.getByTestId('run-after-shown')).toBeVisible();
  await expect.poll(() => page.evaluate((id) => window.__poolpilot!.cy.getElementById(id).nonempty(), `failedOverTo:${POOL1}->${POOL2}`)).toBe(true);
  await console.getByTestId('run-close').click();
  await expect(console).toHaveCount(0);
  await page.getByTestId('tab-details').click();
  await expect(page.locator('#side-panel-details')).toContainText(`Active CMS${POOL2}`);
  await waitForGraph(page);
  const pool1 = await poolOnScreen(page, POOL1);
  await page.mouse.click(pool1.x, pool1.y);
  await expect(page.getByTestId('inspector-heading')).toContainText(POOL1);
  await expect(page.locator('#side-panel-details')).toContainText(`Failed over to→${POOL2}`);
  await expect(page.getByTestId('status-run')).toContainText('Last run (Lab): completed');
  expect(app.errors).toEqual([]);
});

test('confirming each change: the exact command first; "Stop here" stops; a reload catches up, and offers to resume', async ({ app }) => {
  const { page } = app;
  await planPool1Failover(page);
  await page.getByTestId('plan-run').click();
  await page.getByTestId('run-review').getByTestId('run-start').click();

  // Before the first change the run waits, showing exactly what will run; the step has not started.
  const console = page.getByTestId('run-console');
  const prompt = console.getByTestId('run-prompt');
  await expect(prompt).toHaveAttribute('data-prompt', 'confirm');
  await expect(prompt.getByTestId('run-prompt-command')).toHaveText(NEXT_HOP);
  await expect(rowStatus(page, SET_EDGE_STEP)).toHaveText('Pending');
  await expect(console.getByTestId('run-status')).toHaveText('Waiting for your confirmation');
  await page.screenshot({ path: join(SHOTS, 'run-confirm.png') });

  // A reload in the middle of the run: the console comes back where the run is, prompt included.
  await page.reload();
  await expect(page.getByTestId('run-prompt').getByTestId('run-prompt-command')).toHaveText(NEXT_HOP);
  await page.getByTestId('run-prompt-run').click();
  await expect(rowStatus(page, SET_EDGE_STEP)).toHaveText('Succeeded');

  // The next change is the CMS failover: shown, then stopped before it runs.
  await expect(prompt.getByTestId('run-prompt-command')).toContainText('Invoke-CsManagementServerFailover -BackupSqlServerFqdn');
  const cmsStep = (await prompt.getByRole('heading').textContent())?.replace('Confirm before it runs: ', '') ?? '';
  expect(cmsStep).toMatch(/^Fail the CMS over to /);
  await prompt.getByTestId('run-prompt-stop').click();
  await expect(console.getByTestId('run-finished-heading')).toHaveText('Run stopped');
  await expect(console.getByTestId('run-finished-reason')).toContainText('not confirmed');
  // Intended vs actual compares with the whole plan: the console says the unreached part is in it.
  await expect(console.getByTestId('run-discrepancies-partial')).toBeVisible();
  await expect(console.getByTestId('run-discrepancy').first()).toBeVisible();
  const stopped = await rowsShown(console);
  expect(stopped.find(([id]) => id === FAILOVER_STEP)?.[1]).toBe('Pending');
  expect(stopped.filter(([, status]) => status === 'Succeeded').length).toBeGreaterThan(5);

  // The next start of the window offers to resume it; resuming asks for the CMS failover again.
  await page.reload();
  const banner = page.getByTestId('run-interrupted');
  await expect(banner).toContainText(`A run did not finish: Fail over ${POOL1}`);
  await banner.getByTestId('run-resume').click();
  await expect(banner).toHaveCount(0);
  await expect(page.getByTestId('run-prompt').getByRole('heading')).toHaveText(`Confirm before it runs: ${cmsStep}`);
  await page.getByTestId('run-prompt-run').click();
  // The command to copy, and the Front End of pool2 it runs on beside it.
  await expect(page.getByTestId('run-prompt').getByTestId('run-prompt-command')).toHaveText(FAILOVER);
  await expect(page.getByTestId('run-prompt').getByTestId('run-prompt-command-on')).toHaveText(/^Runs on fe\d+\.contoso\.com$/);
  await page.getByTestId('run-prompt-run').click();
  await expect(page.getByTestId('run-finished-heading')).toHaveText('Run completed', { timeout: 45_000 });
  expect((await rowsShown(page.getByTestId('run-console'))).filter(([, status]) => status !== 'Succeeded')).toEqual([]);
  expect(app.errors).toEqual([]);
});

test('manual steps are acknowledged item by item; a failed check is skipped with a reason; intended vs actual is shown on the graph', async ({ app }) => {
  const { page } = app;
  await waitForGraph(page);
  // SIP federation moved off EdgePool1 (P3): Topology Builder work the lab cannot see done.
  await page.evaluate((edge) => {
    const store = window.__poolpilot!.store.getState();
    store.setComponentDown({ kind: 'pool', fqdn: edge }, true);
    store.proposeChange({ kind: 'moveSipFederation', edgePool: 'edgepool2.contoso.com' });
  }, EDGE1);
  await page.getByTestId('tab-plan').click();
  await page.getByTestId('plan-run').click();
  const review = page.getByTestId('run-review');
  await expect(review).toContainText('Manual steps the run waits for (4)');
  await review.getByTestId('run-start').click();

  const prompt = page.getByTestId('run-prompt');
  const acknowledge = async (title: string, comment?: string) => {
    await expect(prompt).toHaveAttribute('data-prompt', 'acknowledge');
    await expect(prompt.getByRole('heading')).toHaveText(`Manual step: ${title}`);
    // Done waits for every item of the checklist.
    await expect(prompt.getByTestId('run-prompt-done')).toBeDisabled();
    for (const box of await prompt.getByRole('checkbox').all()) await box.check();
    if (comment) await prompt.getByRole('textbox').fill(comment);
    await prompt.getByTestId('run-prompt-done').click();
  };
  await acknowledge(`In Topology Builder, clear federation on ${EDGE1}`, 'Cleared by J. Admin');
  await expect(prompt.getByRole('heading')).toHaveText(`Manual step: In Topology Builder, enable federation on ${EDGE2}`);
  await page.screenshot({ path: join(SHOTS, 'run-manual.png') });
  await acknowledge(`In Topology Builder, enable federation on ${EDGE2}`);
  await acknowledge('Publish the topology');
  await acknowledge('Run the Deployment Wizard on edgeserver2.contoso.com');
  await expect(rowStatus(page, `moveSipFederation:${EDGE2}/clear-federation`)).toHaveText('Succeeded');
  await row(page, `moveSipFederation:${EDGE2}/clear-federation`).getByRole('button').click();
  await expect(page.getByTestId('run-detail')).toContainText('Cleared by J. Admin');

  // The lab's topology never saw those clicks: the read-back fails, and the run asks what to do.
  await expect(prompt).toHaveAttribute('data-prompt', 'failure');
  await expect(prompt.getByTestId('run-prompt-detail')).toContainText(`FederationRoute is EdgeServer:${EDGE2}`);
  await expect(rowStatus(page, `moveSipFederation:${EDGE2}/read-back`)).toHaveText('Failed');
  await page.screenshot({ path: join(SHOTS, 'run-failure.png') });
  await expect(prompt.getByTestId('run-prompt-skip')).toBeDisabled();
  await prompt.getByTestId('run-prompt-skip-reason').fill('Checked by hand in Topology Builder');
  await prompt.getByTestId('run-prompt-skip').click();
  await expect(page.getByTestId('run-finished-heading')).toHaveText('Run completed');
  await expect(rowStatus(page, `moveSipFederation:${EDGE2}/read-back`)).toHaveText('Skipped');

  // Intended vs actual: federation still goes through EdgePool1; clicking it highlights both Edge pools.
  const discrepancy = page.getByTestId('run-discrepancy');
  await expect(discrepancy).toHaveCount(1);
  await expect(page.getByTestId('run-discrepancies-partial')).toHaveCount(0);
  await expect(discrepancy).toContainText(`Error SIP federation goes through ${EDGE1}; the plan meant it to go through ${EDGE2}.`);
  await discrepancy.click();
  await expect(discrepancy).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => page.evaluate((id) => window.__poolpilot!.cy.getElementById(id).classes() as string[], EDGE2)).toContain('finding-focus');
  expect(await page.evaluate((id) => window.__poolpilot!.cy.getElementById(id).classes() as string[], EDGE1)).toContain('finding-focus');
  expect(await seriousViolations(page)).toEqual([]);
  expect(app.errors).toEqual([]);
});

test('a rehearsal runs the changes with -WhatIf, asks nothing, and leaves the deployment as it was', async ({ app }) => {
  const { page } = app;
  await planPool1Failover(page);
  await page.getByTestId('plan-rehearse').click();
  const review = page.getByTestId('run-review');
  await expect(review).toContainText('Changes rehearsed with -WhatIf');
  await expect(review.getByTestId('run-confirm-all')).toHaveCount(0);
  await review.getByTestId('run-start').click();

  const console = page.getByTestId('run-console');
  await expect(console.getByTestId('run-env-banner')).toContainText('Rehearsal: changes run with -WhatIf.');
  await expect(console.getByTestId('run-finished-heading')).toHaveText('Rehearsal completed', { timeout: 45_000 });
  await expect(console.getByTestId('run-prompt')).toHaveCount(0);
  await row(page, SET_EDGE_STEP).getByRole('button').click();
  await expect(console.getByTestId('run-command')).toHaveText(`${NEXT_HOP} -WhatIf`);
  await expect(console.getByTestId('run-discrepancies-none')).toBeVisible();
  expect(app.errors).toEqual([]);
});

test('a live server: its credential saved (the password goes, and never comes back), the console says Live loudly', async ({ app }) => {
  // Nothing here may reach a real server: on this (non-Windows) machine there is no Windows PowerShell to start.
  test.skip(process.platform === 'win32', 'would try to reach pool2.contoso.com over remote PowerShell');
  const { page } = app;
  await planPool1Failover(page);
  await page.getByTestId('plan-run').click();
  const review = page.getByTestId('run-review');
  await review.getByTestId('run-env-live').check();
  await expect(review.getByTestId('run-start')).toBeDisabled();
  await review.getByTestId('run-env-fqdn').fill(POOL2);
  await expect(review.getByTestId('run-credential-saved')).toContainText('None saved: Windows integrated authentication');
  await review.getByTestId('run-credential-user').fill('CONTOSO\\admin');
  await review.getByTestId('run-credential-password').fill('S3cret!');
  await review.getByTestId('run-credential-password').press('Enter');
  await expect(review.getByTestId('run-credential-saved')).toContainText('Using the saved credential of CONTOSO\\admin.');
  await expect(review.getByTestId('run-credential-password')).toHaveValue('');
  expect(await page.content()).not.toContain('S3cret!');
  await expect(review.getByTestId('run-start')).toHaveText(`Start the run on ${POOL2}`);
  await review.getByTestId('run-start').click();

  const console = page.getByTestId('run-console');
  await expect(console.getByTestId('run-env-banner')).toHaveText(`Live: ${POOL2} — commands change the real deployment.`);
  await expect(console.getByTestId('run-finished-heading')).toHaveText('Run aborted');
  await expect(console.getByTestId('run-finished-reason')).toContainText('pre-flight: cannot run PowerShell');
  await expect(console.getByTestId('run-discrepancies-unknown')).toContainText('not compared');
  await expect(rowStatus(page, SET_EDGE_STEP)).toHaveText('Pending');
  expect(app.errors).toEqual([]);
});

test.describe('in real PowerShell with the lab module, as the app runs the lab where PowerShell is', () => {
  test.skip(MODULE_LAB === undefined && !process.env.CI, 'pwsh not found (scripts/find-pwsh.cjs)');
  test.use({ labRunner: MODULE_LAB });

  test('the status bar says PowerShell answers the lab, and the failover runs through it to the end', async ({ app }) => {
    test.setTimeout(120_000);
    const { page } = app;
    await expect(page.getByTestId('status-lab-runner')).toHaveText('runs in PowerShell 7');
    await planPool1Failover(page);
    await page.getByTestId('plan-run').click();
    const review = page.getByTestId('run-review');
    await review.getByTestId('run-confirm-all').check();
    await review.getByTestId('run-start').click();
    const console = page.getByTestId('run-console');
    await expect(console.getByTestId('run-finished-heading')).toHaveText('Run completed', { timeout: 90_000 });
    await expect(rowStatus(page, FAILOVER_STEP)).toHaveText('Succeeded');
    await row(page, FAILOVER_STEP).getByRole('button').click();
    await expect(console.getByTestId('run-command')).toContainText(FAILOVER);
  });
});

test.describe('on a machine without PowerShell', () => {
  test.use({ labRunner: { kind: 'in-process', why: 'no PowerShell (pwsh or Windows PowerShell 5.1) on this machine' } });

  test('the status bar says the lab runs inside PoolPilot, and why', async ({ app }) => {
    const { page } = app;
    const runner = page.getByTestId('status-lab-runner');
    await expect(runner).toHaveText('runs in PoolPilot itself: no PowerShell found');
    await expect(runner).toHaveAttribute('title', 'Lab commands: the lab in PoolPilot itself: no PowerShell (pwsh or Windows PowerShell 5.1) on this machine');
    await page.getByTestId('status-bar').screenshot({ path: join(SHOTS, 'status-bar-no-powershell.png') });
  });
});

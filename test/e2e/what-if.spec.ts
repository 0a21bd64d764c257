/**
 * What-if, as an admin uses it on the demo: mark Pool1 down, propose its failover, see the Edge
 * next-hop blocker, drag EdgePool1's next hop onto Pool2 with the mouse, see the blocker go and the
 * Set-CsEdgeServer command it takes, undo. Plus: a quick fix in one click, the keyboard way to
 * change a next hop, and a scenario that survives a snapshot save and reopen.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './harness';
import { seriousViolations } from './axe';

const POOL1 = 'pool1.contoso.com';
const POOL2 = 'pool2.contoso.com';
const EDGE1 = 'edgepool1.contoso.com';
const NEXT_HOP_EDGE = `edgeNextHop:${EDGE1}->${POOL1}`;
const MOVED_EDGE = `edgeNextHop:${EDGE1}->${POOL2}`;
const COMMAND = `Set-CsEdgeServer -Identity 'EdgeServer:${EDGE1}' -Registrar 'Registrar:${POOL2}'`;

/** Screenshots for a person to look at (git-ignored). */
const SHOTS = resolve(__dirname, '../../.tmp/what-if');

async function waitForGraph(page: Page) {
  await page.waitForFunction((id) => {
    const cy = window.__poolpilot?.cy;
    return !!cy && cy.getElementById(id).nonempty() && performance.getEntriesByName('poolpilot:graph-shown').length > 0;
  }, POOL1);
}

/** Where a node is drawn, in page coordinates. */
async function nodePoint(page: Page, id: string) {
  return page.evaluate((nodeId) => {
    const cy = window.__poolpilot!.cy;
    const pos = cy.getElementById(nodeId).renderedPosition();
    const box = cy.container()!.getBoundingClientRect();
    return { x: box.left + pos.x, y: box.top + pos.y };
  }, id);
}

/**
 * A point on an edge, `t` of the way from its tail to its arrow (0..1), in page coordinates. The
 * edge may be curved (a next hop runs beside the media Edge association): its quadratic curve is
 * recovered from the end points and the midpoint cytoscape reports.
 */
async function edgePoint(page: Page, id: string, t: number) {
  return page.evaluate(
    ({ edgeId, at }) => {
      const cy = window.__poolpilot!.cy;
      const edge = cy.getElementById(edgeId);
      const p0 = edge.renderedSourceEndpoint();
      const p2 = edge.renderedTargetEndpoint();
      const m = edge.renderedMidpoint();
      const c = { x: 2 * m.x - (p0.x + p2.x) / 2, y: 2 * m.y - (p0.y + p2.y) / 2 };
      const along = (a: number, b: number, ctl: number) => (1 - at) ** 2 * a + 2 * (1 - at) * at * ctl + at ** 2 * b;
      const box = cy.container()!.getBoundingClientRect();
      return { x: box.left + along(p0.x, p2.x, c.x), y: box.top + along(p0.y, p2.y, c.y) };
    },
    { edgeId: id, at: t },
  );
}

async function classesOf(page: Page, id: string): Promise<string[]> {
  return page.evaluate((eleId) => window.__poolpilot!.cy.getElementById(eleId).classes() as string[], id);
}

async function edgeIds(page: Page): Promise<string[]> {
  return page.evaluate(() => window.__poolpilot!.cy.edges().map((e) => e.id()));
}

/** Glides the mouse to a point in steps, as a hand would, so cytoscape sees a drag. */
async function glide(page: Page, to: { x: number; y: number }) {
  await page.mouse.move(to.x, to.y, { steps: 12 });
}

function blockers(page: Page) {
  return page.getByTestId('findings-blocker').getByTestId('finding');
}

/** Demo → Pool1 down (right-click menu) → propose its failover: the next-hop blocker. */
async function failOverPool1(page: Page) {
  await waitForGraph(page);
  const pool1 = await nodePoint(page, POOL1);
  await page.mouse.click(pool1.x, pool1.y, { button: 'right' });
  await expect(page.getByTestId('context-menu')).toBeVisible();
  await expect(page.getByTestId('menu-mark-down')).toBeFocused();
  await page.getByTestId('menu-mark-down').click();
  await expect(page.getByTestId('context-menu')).toBeHidden();
  await expect.poll(() => classesOf(page, POOL1)).toContain('down');
  // Marking down opened the What-if tab, where the selected pool's actions are.
  await expect(page.getByTestId('down-list')).toContainText(POOL1);
  await page.getByTestId('whatif-panel').getByTestId('propose-failover').click();
  await expect(page.getByTestId('change-list')).toContainText(`Fail over ${POOL1}`);
}

test('drag Edge next hop to fix a failover blocker, see the command, undo', async ({ app }) => {
  const { page } = app;
  mkdirSync(SHOTS, { recursive: true });
  await failOverPool1(page);

  const blocker = blockers(page).filter({ hasText: 'next hop' });
  await expect(blocker).toHaveCount(1);
  await expect(blocker).toHaveAttribute('data-rule', 'failover-edge-next-hop');
  await expect(blocker).toContainText(`Edge pool ${EDGE1} is running and uses ${POOL1} as its next hop`);
  await expect(blocker).toContainText('P0');
  await expect(page.getByTestId('tab-whatif-blockers')).toHaveText('1');
  // The graph shows the failover: Pool1's users served by Pool2.
  await expect.poll(() => edgeIds(page)).toContain(`failedOverTo:${POOL1}->${POOL2}`);
  await expect.poll(() => classesOf(page, `failedOverTo:${POOL1}->${POOL2}`)).toContain('proposed');
  await page.screenshot({ path: join(SHOTS, 'what-if-findings.png') });

  // Grab the arrow end of EdgePool1's next hop and drag it, first over Pool1 (down), then onto Pool2.
  const grab = await edgePoint(page, NEXT_HOP_EDGE, 0.75);
  const pool1 = await nodePoint(page, POOL1);
  const pool2 = await nodePoint(page, POOL2);
  await page.mouse.move(grab.x, grab.y);
  await page.mouse.down();
  await glide(page, { x: (grab.x + pool2.x) / 2, y: grab.y - 60 });
  await expect.poll(() => classesOf(page, POOL2)).toContain('drop-valid');
  await expect.poll(() => classesOf(page, POOL1)).toContain('drop-invalid');
  await expect.poll(() => classesOf(page, 'sql1a.contoso.com')).toContain('drop-invalid');
  await expect.poll(() => classesOf(page, NEXT_HOP_EDGE)).toContain('drag-source');
  await glide(page, pool1);
  // Pool1 is down, and the scenario fails it over: that is the reason given.
  await expect(page.getByTestId('drag-tooltip')).toHaveText(`✕ ${POOL1}: this scenario fails ${POOL1} over (change 1)`);
  await glide(page, pool2);
  await expect(page.getByTestId('drag-tooltip')).toContainText(`Drop to make ${POOL2} the next hop of ${EDGE1}`);
  await expect.poll(() => classesOf(page, POOL2)).toContain('drop-hover');
  await page.screenshot({ path: join(SHOTS, 'what-if-drag.png') });
  await page.mouse.up();

  // The edge moved, the blocker is gone, and the command it takes is shown.
  await expect(page.getByTestId('drag-tooltip')).toBeHidden();
  await expect.poll(() => edgeIds(page)).toContain(MOVED_EDGE);
  expect(await edgeIds(page)).not.toContain(NEXT_HOP_EDGE);
  await expect.poll(() => classesOf(page, MOVED_EDGE)).toContain('proposed');
  await expect.poll(() => classesOf(page, POOL2)).not.toContain('drop-valid');
  await expect(blockers(page)).toHaveCount(0);
  await expect(page.getByTestId('whatif-summary')).toContainText('0 blockers');
  await expect(page.getByTestId('change-notice')).toContainText('This change means:');
  await expect(page.getByTestId('change-command')).toHaveText(COMMAND);
  await expect(page.getByTestId('change-command-copy')).toBeVisible();
  // The reassignment runs before the failover it unblocks.
  await expect(page.getByTestId('scenario-change')).toHaveText([
    new RegExp(`^Make ${POOL2} the next hop of Edge pool ${EDGE1}`),
    new RegExp(`^Fail over ${POOL1}`),
  ]);
  await page.screenshot({ path: join(SHOTS, 'what-if-after-drop.png') });

  // Undo takes the reassignment back: the blocker returns and the edge points at Pool1 again.
  await page.getByTestId('whatif-undo').click();
  await expect(blockers(page).filter({ hasText: 'next hop' })).toHaveCount(1);
  await expect.poll(() => edgeIds(page)).toContain(NEXT_HOP_EDGE);
  await expect(page.getByTestId('change-notice')).toBeHidden();
  // …and Ctrl+Y brings it back.
  await page.keyboard.press('Control+y');
  await expect(blockers(page)).toHaveCount(0);
  await expect.poll(() => edgeIds(page)).toContain(MOVED_EDGE);

  // Dropping anywhere but a pool changes nothing; node dragging still moves nodes.
  const moved = await edgePoint(page, MOVED_EDGE, 0.8);
  await page.mouse.move(moved.x, moved.y);
  await page.mouse.down();
  await glide(page, { x: moved.x, y: moved.y + 250 });
  await page.mouse.up();
  await expect(page.getByTestId('toast').last()).toContainText(`Next hop of ${EDGE1} not changed`);
  await expect(page.getByTestId('scenario-change')).toHaveCount(2);
  const before = await nodePoint(page, 'pchat1.contoso.com');
  await page.mouse.move(before.x, before.y);
  await page.mouse.down();
  await glide(page, { x: before.x + 40, y: before.y + 30 });
  await page.mouse.up();
  const after = await nodePoint(page, 'pchat1.contoso.com');
  expect(Math.round(after.x - before.x)).toBe(40);
  expect(app.errors).toEqual([]);
});

test('a quick fix applies with one click, and a finding shows its elements on the graph', async ({ app }) => {
  const { page } = app;
  await failOverPool1(page);
  const blocker = blockers(page).filter({ hasText: 'next hop' });
  await blocker.getByTestId('finding-show').click();
  await expect.poll(() => classesOf(page, EDGE1)).toContain('finding-focus');
  await expect.poll(() => classesOf(page, POOL1)).toContain('finding-focus');
  await expect.poll(() => classesOf(page, NEXT_HOP_EDGE)).toContain('finding-focus');
  await expect.poll(() => classesOf(page, 'edgepool2.contoso.com')).toContain('dimmed');

  const fix = blocker.getByTestId('quick-fix');
  await expect(fix).toHaveText(`Fix: Make ${POOL2} the next hop of ${EDGE1} (Set-CsEdgeServer)`);
  await fix.click();
  await expect(blockers(page)).toHaveCount(0);
  await expect.poll(() => edgeIds(page)).toContain(MOVED_EDGE);
  await expect(page.getByTestId('change-command')).toHaveText(COMMAND);
  await expect.poll(() => classesOf(page, EDGE1)).not.toContain('finding-focus');

  // The CMS warning's fix puts the CMS failover before the pool's.
  const cms = page.getByTestId('findings-warning').getByTestId('finding').filter({ hasText: 'Central Management Store' });
  await cms.getByTestId('quick-fix').click();
  await expect(page.getByTestId('findings-warning').getByTestId('finding').filter({ hasText: 'Central Management Store' })).toHaveCount(0);
  await expect(page.getByTestId('scenario-change')).toHaveText([/^Make pool2/, /^Fail over the Central Management Store/, /^Fail over pool1/]);
  // Removing a change is one click too.
  await page.getByRole('button', { name: /^Remove change 2:/ }).click();
  await expect(page.getByTestId('scenario-change')).toHaveCount(2);
  expect(app.errors).toEqual([]);
});

test('keyboard: D marks down, Shift+F10 opens the actions, Change next hop… in a dialog', async ({ app }) => {
  const { page } = app;
  await waitForGraph(page);
  const search = page.getByTestId('search-input');
  await page.keyboard.press('Control+f');
  await search.fill(POOL1);
  await search.press('Enter');
  await page.getByTestId('graph').focus();
  await page.keyboard.press('d');
  await expect.poll(() => classesOf(page, POOL1)).toContain('down');
  await expect(page.getByTestId('down-list')).toContainText(POOL1);
  await page.keyboard.press('Control+z');
  await expect.poll(() => classesOf(page, POOL1)).not.toContain('down');
  await page.keyboard.press('Control+y');
  await expect.poll(() => classesOf(page, POOL1)).toContain('down');

  await page.keyboard.press('Control+f');
  await search.fill(EDGE1);
  await search.press('Enter');
  await page.getByTestId('graph').focus();
  await page.keyboard.press('Shift+F10');
  await expect(page.getByTestId('context-menu')).toBeVisible();
  await expect(page.getByTestId('menu-mark-down')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('menu-next-hop')).toBeFocused();
  await page.keyboard.press('Enter');

  const dialog = page.getByTestId('proposal-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(`Change next hop of ${EDGE1}`);
  await expect(dialog.getByTestId(`choice-${POOL1}`)).toHaveAttribute('aria-disabled', 'true');
  await expect(dialog.getByTestId(`choice-${POOL1}`)).toContainText(`${POOL1} is down`);
  await expect(dialog.getByTestId(`choice-${POOL2}`)).toContainText('another site: Set-CsEdgeServer');
  await expect(dialog.getByTestId(`choice-${POOL2}`)).toBeFocused();
  // A disabled choice does nothing (it stays focusable, so its reason is read out).
  await dialog.getByTestId(`choice-${POOL1}`).click({ force: true });
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Shift+Tab');
  await expect(dialog.getByTestId(`choice-${POOL2}`)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('graph')).toBeFocused();
  await expect(page.getByTestId('scenario-change')).toHaveText([new RegExp(`^Make ${POOL2} the next hop of Edge pool ${EDGE1}`)]);
  await expect(page.getByTestId('change-command')).toHaveText(COMMAND);
  await expect.poll(() => edgeIds(page)).toContain(MOVED_EDGE);

  // Escape closes the menu and the dialog without a change.
  await page.keyboard.press('Shift+F10');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('context-menu')).toBeHidden();
  await expect(page.getByTestId('graph')).toBeFocused();
  expect(app.errors).toEqual([]);
});

test('the scenario is saved with the snapshot and comes back when it is reopened', async ({ app }) => {
  const { page, dialogs, workDir } = app;
  await failOverPool1(page);
  await blockers(page).getByTestId('quick-fix').click();
  await expect(blockers(page)).toHaveCount(0);
  await expect(page.getByTestId('status-dirty')).toBeVisible();

  const snapshotPath = join(workDir, 'what-if.poolpilot.json');
  dialogs.savePath = snapshotPath;
  await page.getByTestId('toolbar-save-snapshot').click();
  await expect(page.getByTestId('toast').last()).toContainText('what-if.poolpilot.json');
  const saved = JSON.parse(readFileSync(snapshotPath, 'utf8'));
  expect(saved.scenario).toEqual({
    down: [{ kind: 'pool', fqdn: POOL1 }],
    changes: [
      { kind: 'reassignNextHop', edgePool: EDGE1, nextHop: POOL2 },
      { kind: 'failoverPool', pool: POOL1 },
    ],
    applied: 2,
  });

  // A fresh demo has no scenario…
  await page.getByTestId('toolbar-demo').click();
  await expect(page.getByTestId('whatif-empty')).toBeVisible();
  await expect.poll(() => classesOf(page, POOL1)).not.toContain('down');
  // …the snapshot brings it back, drawn and validated.
  dialogs.openPath = snapshotPath;
  await page.getByTestId('toolbar-open').click();
  await expect(page.getByTestId('status-source')).toContainText('Snapshot · what-if.poolpilot.json');
  await page.getByTestId('tab-whatif').click();
  await expect(page.getByTestId('scenario-change')).toHaveText([/^Make pool2/, /^Fail over pool1/]);
  await expect(page.getByTestId('down-list')).toContainText(POOL1);
  await expect(blockers(page)).toHaveCount(0);
  await expect(page.getByTestId('whatif-undo')).toBeDisabled();
  await expect.poll(() => classesOf(page, POOL1)).toContain('down');
  await expect.poll(() => edgeIds(page)).toContain(MOVED_EDGE);
  await expect(page.getByTestId('status-dirty')).toBeHidden();
  expect(app.errors).toEqual([]);
});

test('the what-if panel, its menu and its dialog have no serious accessibility violation, in either theme', async ({ app }) => {
  const { page } = app;
  mkdirSync(SHOTS, { recursive: true });
  await failOverPool1(page);
  await blockers(page).getByTestId('finding-show').click();
  expect(await seriousViolations(page)).toEqual([]);

  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(21, 24, 28)');
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: join(SHOTS, 'what-if-dark.png') });

  const edge1 = await nodePoint(page, EDGE1);
  await page.mouse.click(edge1.x, edge1.y, { button: 'right' });
  await expect(page.getByTestId('context-menu')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: join(SHOTS, 'what-if-menu.png') });
  await page.getByTestId('menu-next-hop').click();
  await expect(page.getByTestId('proposal-dialog')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: join(SHOTS, 'what-if-dialog.png') });
  expect(app.errors).toEqual([]);
});

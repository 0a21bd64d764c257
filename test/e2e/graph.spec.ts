/**
 * The foundation, as an admin uses it: the demo opens, every pool is drawn in its site, a click shows a
 * pool in the inspector, search finds and focuses a pool, blast radius highlights what depends on it,
 * a real topology file opens (dialog and drag-and-drop), state the XML cannot say is edited and saved,
 * and the graph exports as a PNG.
 */
import { readFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, FIXTURES } from './harness';

// Site ids are the cmdlets' site identities (Site1, as in `Set-CsSite Site1 …`); Datacenter1 is the label.
const DEMO_POOLS: Record<string, string> = {
  'pool1.contoso.com': 'Site1',
  'edgepool1.contoso.com': 'Site1',
  'pchat1.contoso.com': 'Site1',
  'pool2.contoso.com': 'Site2',
  'edgepool2.contoso.com': 'Site2',
};

/** Reads the drawn graph: node ids with their parent (site) and classes. */
async function drawnNodes(page: Page) {
  return page.evaluate(() => {
    const cy = window.__poolpilot!.cy;
    return cy.nodes().map((n) => ({ id: n.id(), parent: n.parent().first().id() || null, classes: n.classes() as string[] }));
  });
}

async function clickNode(page: Page, id: string) {
  const point = await page.evaluate((nodeId) => {
    const cy = window.__poolpilot!.cy;
    const pos = cy.getElementById(nodeId).renderedPosition();
    const box = cy.container()!.getBoundingClientRect();
    return { x: box.left + pos.x, y: box.top + pos.y };
  }, id);
  await page.mouse.click(point.x, point.y);
}

async function waitForGraph(page: Page, nodeId: string) {
  await page.waitForFunction((id) => {
    const cy = window.__poolpilot?.cy;
    return !!cy && cy.getElementById(id).nonempty();
  }, nodeId);
}

test('the demo opens in lab mode with every pool drawn in its site', async ({ app }) => {
  const { page } = app;
  await waitForGraph(page, 'pool1.contoso.com');
  await expect(page.getByTestId('status-source')).toContainText('Lab');
  await expect(page.getByTestId('status-counts')).toHaveText(/2 sites · \d+ pools/);

  const nodes = await drawnNodes(page);
  for (const [pool, site] of Object.entries(DEMO_POOLS)) {
    const node = nodes.find((n) => n.id === pool);
    expect(node, `${pool} is drawn`).toBeTruthy();
    expect(node!.parent, `${pool} sits in ${site}`).toBe(`site:${site}`);
  }
  const siteLabels = await page.evaluate(() => window.__poolpilot!.cy.$('#site\\:Site1, #site\\:Site2').map((n) => n.data('label')));
  expect(siteLabels.join(' ')).toMatch(/Datacenter1.*Datacenter2|Datacenter2.*Datacenter1/);
  const edges = await page.evaluate(() => window.__poolpilot!.cy.edges().map((e) => e.id()));
  expect(edges).toContain('edgeNextHop:edgepool1.contoso.com->pool1.contoso.com');
  expect(edges).toContain('edgeNextHop:edgepool2.contoso.com->pool2.contoso.com');
  expect(edges).toContain('mediaEdge:pool1.contoso.com->edgepool1.contoso.com');
  expect(edges.some((id) => id.startsWith('backupPool:'))).toBe(true);
  expect(edges.some((id) => id.startsWith('sipFederationRoute:') && id.endsWith('->edgepool1.contoso.com'))).toBe(true);
  expect(edges.some((id) => id.startsWith('xmppFederationRoute:'))).toBe(true);
  expect(app.errors).toEqual([]);
});

test('clicking a pool shows it in the inspector; search finds and focuses another', async ({ app }) => {
  const { page } = app;
  await waitForGraph(page, 'pool1.contoso.com');
  await clickNode(page, 'edgepool1.contoso.com');
  await expect(page.getByTestId('inspector-heading')).toContainText('edgepool1.contoso.com');
  await expect(page.getByTestId('inspector')).toContainText('edgeserver1.contoso.com');
  await expect(page.getByTestId('inspector')).toContainText('Datacenter1');

  await page.keyboard.press('Control+f');
  await expect(page.getByTestId('search-input')).toBeFocused();
  await page.getByTestId('search-input').fill('POOL2');
  await page.getByTestId('search-input').press('Enter');
  await expect(page.getByTestId('inspector-heading')).toContainText('pool2.contoso.com');
  // Focused: the pool is drawn near the middle of the canvas.
  await expect
    .poll(async () =>
      page.evaluate(() => {
        const cy = window.__poolpilot!.cy;
        const p = cy.getElementById('pool2.contoso.com').renderedPosition();
        return Math.hypot(p.x - cy.width() / 2, p.y - cy.height() / 2) / Math.min(cy.width(), cy.height());
      }),
    )
    .toBeLessThan(0.15);

  await page.getByTestId('search-input').fill('no-such-pool.example');
  await expect(page.getByTestId('search-no-match')).toBeVisible();
});

test('blast radius highlights what depends on the selected pool and dims the rest', async ({ app }) => {
  const { page } = app;
  await waitForGraph(page, 'pool2.contoso.com');
  await clickNode(page, 'pool2.contoso.com');
  await expect(page.getByTestId('inspector-heading')).toContainText('pool2.contoso.com');
  const nodes = await drawnNodes(page);
  const classesOf = (id: string) => nodes.find((n) => n.id === id)?.classes ?? [];
  expect(classesOf('edgepool2.contoso.com'), 'its Edge pool uses it as next hop').toContain('blast');
  expect(classesOf('pool1.contoso.com'), 'its backup partner').toContain('blast');
  expect(classesOf('edgepool1.contoso.com'), 'unrelated Edge pool').toContain('dimmed');
  expect(classesOf('pchat1.contoso.com'), 'unrelated Persistent Chat pool').toContain('dimmed');

  // Clicking the background clears it.
  const box = (await page.getByTestId('graph').boundingBox())!;
  await page.mouse.click(box.x + 5, box.y + box.height - 5);
  await expect
    .poll(async () => (await drawnNodes(page)).filter((n) => n.classes.includes('dimmed')).length)
    .toBe(0);
});

test('opens a real topology from the dialog and by drag-and-drop', async ({ app }) => {
  const { page, dialogs } = app;
  await waitForGraph(page, 'pool1.contoso.com');
  dialogs.openPath = join(FIXTURES, 'ibenbouzid__SkypeforBusiness_lab_V3__DefaultTopology_Skype.xml');
  await page.getByTestId('toolbar-open').click();
  await waitForGraph(page, 'skypefe.contoso.com');
  await expect(page.getByTestId('status-source')).toContainText('DefaultTopology_Skype.xml (published topology)');
  let nodes = await drawnNodes(page);
  expect(nodes.find((n) => n.id === 'edge.contoso.com')?.parent).toBe('site:TVP');

  // Drop the Topology Builder file onto the window.
  const bytes = readFileSync(join(FIXTURES, 'AutomatedLab__SfBAutomatedLab__Contoso.tbxml')).toString('base64');
  await page.evaluate((b64) => {
    const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([data], 'Contoso.tbxml', { type: 'application/xml' }));
    const target = document.querySelector('[data-testid="graph"]')!;
    for (const type of ['dragenter', 'dragover', 'drop']) {
      target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }));
    }
  }, bytes);
  await waitForGraph(page, 'frontendpool.contoso.com');
  await expect(page.getByTestId('status-source')).toContainText('Contoso.tbxml (Topology Builder file)');
  nodes = await drawnNodes(page);
  expect(nodes.find((n) => n.id === 'edgepool.contoso.com')?.parent).toBe('site:Contoso');
  const edges = await page.evaluate(() => window.__poolpilot!.cy.edges().map((e) => e.id()));
  expect(edges).toContain('edgeNextHop:edgepool.contoso.com->frontendpool.contoso.com');

  // A file that is not a topology: a readable error naming it, and the graph stays.
  await page.evaluate(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File(['<html><body>oops</body></html>'], 'notes.xml'));
    const target = document.querySelector('[data-testid="graph"]')!;
    for (const type of ['dragenter', 'dragover', 'drop']) {
      target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }));
    }
  });
  await expect(page.getByTestId('error-message')).toContainText('notes.xml');
  await expect(page.getByTestId('error-message')).not.toContainText(/at \w+ \(/); // no stack trace
  await expect(page.getByTestId('status-source')).toContainText('Contoso.tbxml');
});

test('the backup pool set in the inspector is saved in the snapshot and reopens', async ({ app }) => {
  const { page, dialogs, workDir } = app;
  await waitForGraph(page, 'pool1.contoso.com');
  await clickNode(page, 'pool1.contoso.com');
  await page.getByTestId('field-backup-pool').selectOption({ label: 'None' });
  await expect(page.getByTestId('status-dirty')).toBeVisible();
  let edges = await page.evaluate(() => window.__poolpilot!.cy.edges().map((e) => e.id()));
  expect(edges.some((id) => id.startsWith('backupPool:'))).toBe(false);

  const snapshotPath = join(workDir, 'demo-unpaired.json');
  dialogs.savePath = snapshotPath;
  await page.getByTestId('toolbar-save-snapshot').click();
  await expect(page.getByTestId('toast')).toContainText('demo-unpaired.json');
  const saved = JSON.parse(readFileSync(snapshotPath, 'utf8'));
  expect(saved.deployment.state.backupPools).toEqual({});

  await page.getByTestId('toolbar-demo').click();
  await waitForGraph(page, 'pool1.contoso.com');
  dialogs.openPath = snapshotPath;
  await page.getByTestId('toolbar-open').click();
  await expect(page.getByTestId('status-source')).toContainText('Snapshot · demo-unpaired.json');
  await expect(page.getByTestId('status-environment')).toContainText('Offline snapshot — taken');
  edges = await page.evaluate(() => window.__poolpilot!.cy.edges().map((e) => e.id()));
  expect(edges.some((id) => id.startsWith('backupPool:'))).toBe(false);
  expect(edges).toContain('edgeNextHop:edgepool1.contoso.com->pool1.contoso.com');
});

test('exports the graph as a PNG file', async ({ app }) => {
  const { page, dialogs, workDir } = app;
  await waitForGraph(page, 'pool1.contoso.com');
  const pngPath = join(workDir, 'graph.png');
  dialogs.savePath = pngPath;
  await page.getByTestId('toolbar-export-png').click();
  await expect(page.getByTestId('toast')).toContainText('graph.png');
  expect(existsSync(pngPath)).toBe(true);
  const head = readFileSync(pngPath).subarray(0, 8);
  expect([...head]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(statSync(pngPath).size).toBeGreaterThan(10_000);
  // Screenshot of the graph for the README and for a person to look at.
  await page.screenshot({ path: test.info().outputPath('demo-graph.png') });
});

test('a pool moved by hand stays where the admin put it when the deployment is opened again', async ({ app }) => {
  const { page } = app;
  await waitForGraph(page, 'pchat1.contoso.com');
  await page.waitForFunction(() => performance.getEntriesByName('poolpilot:graph-shown').length > 0);
  const modelPosition = () =>
    page.evaluate(() => ({ ...window.__poolpilot!.cy.getElementById('pchat1.contoso.com').position() }));
  const before = await modelPosition();
  const start = await page.evaluate(() => {
    const cy = window.__poolpilot!.cy;
    const p = cy.getElementById('pchat1.contoso.com').renderedPosition();
    const box = cy.container()!.getBoundingClientRect();
    return { x: box.left + p.x, y: box.top + p.y };
  });
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(start.x + 6 * i, start.y + 4 * i);
  await page.mouse.up();
  const moved = await modelPosition();
  expect(Math.hypot(moved.x - before.x, moved.y - before.y)).toBeGreaterThan(20);

  // Positions are saved shortly after the drag; reopening the same deployment puts the pool back there.
  await page.waitForTimeout(1500);
  await page.evaluate(() => performance.clearMarks('poolpilot:graph-shown'));
  await page.getByTestId('toolbar-demo').click();
  await page.waitForFunction(() => performance.getEntriesByName('poolpilot:graph-shown').length > 0);
  const reopened = await modelPosition();
  expect(Math.abs(reopened.x - moved.x)).toBeLessThan(1);
  expect(Math.abs(reopened.y - moved.y)).toBeLessThan(1);
});

test('a file opened once is in Recent and opens from there', async ({ app }) => {
  const { page, dialogs } = app;
  await waitForGraph(page, 'pool1.contoso.com');
  await page.getByTestId('toolbar-recent').click();
  await expect(page.getByTestId('recent-menu')).toContainText('No recent files');
  await page.keyboard.press('Escape');

  dialogs.openPath = join(FIXTURES, 'rlevchenko__powershell-skype__DefaultTopology.xml');
  await page.getByTestId('toolbar-open').click();
  await waitForGraph(page, 'poolfe.tenant.rlevchenko.com');
  await page.getByTestId('toolbar-demo').click();
  await waitForGraph(page, 'pool1.contoso.com');

  await page.getByTestId('toolbar-recent').click();
  await page.getByRole('menuitem', { name: /rlevchenko__powershell-skype__DefaultTopology\.xml/ }).click();
  await waitForGraph(page, 'poolfe.tenant.rlevchenko.com');
  await expect(page.getByTestId('status-source')).toContainText('rlevchenko__powershell-skype__DefaultTopology.xml');
});

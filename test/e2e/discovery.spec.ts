/**
 * Discovery and offline work, as an admin goes through them: discover the demo lab (the progress bar
 * reaches 100 % with every query listed, the status bar and the graph say which snapshot is shown and
 * how old it is, the snapshot is kept and listed), compare it with an older kept snapshot that
 * differs (the changes are listed and drawn on the graph), open an old snapshot (offline, its age,
 * the banner, what it misses), compare with a file and clear with Escape, and the collector script.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './harness';
import { demoDeployment } from '../../src/shared/demo/demo';
import { applyChanges } from '../../src/shared/scenario/apply';
import { serializeSnapshot, SNAPSHOT_FORMAT, SNAPSHOT_VERSION } from '../../src/shared/snapshot/snapshot';
import type { Deployment } from '../../src/shared/model/types';

const DAY = 24 * 3_600_000;
const COLLECTOR = resolve(__dirname, '../../resources/ps/collector.ps1');

async function waitForGraph(page: Page, nodeId: string) {
  await page.waitForFunction((id) => !!window.__poolpilot?.cy && window.__poolpilot.cy.getElementById(id).nonempty(), nodeId);
}

/** The demo as it stood a while ago: edgepool2's next hop on pool1, Persistent Chat failed over. */
function olderDemo(): Deployment {
  const d = applyChanges(demoDeployment(), [{ kind: 'reassignNextHop', edgePool: 'edgepool2.contoso.com', nextHop: 'pool1.contoso.com' }]);
  d.state.persistentChat['pchat1.contoso.com'] = { poolState: 'FailedOver', activeServers: ['pchatsrv3.contoso.com', 'pchatsrv4.contoso.com'] };
  return d;
}

function snapshotText(deployment: Deployment, takenAt: Date, incomplete?: string[]): string {
  return serializeSnapshot({
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    takenAt: takenAt.toISOString(),
    deployment,
    ...(incomplete ? { incomplete: { reasons: incomplete } } : {}),
  });
}

const classesOf = (page: Page, id: string) => page.evaluate((elementId) => window.__poolpilot!.cy.getElementById(elementId).classes() as string[], id);

test('discovering the demo lab keeps a snapshot, shows it with its age, and compares it with an older one', async ({ app }) => {
  const { page, dataDir } = app;
  await waitForGraph(page, 'pool1.contoso.com');
  await expect(page.getByTestId('status-environment')).toHaveText(/Lab \(simulated deployment\)$/);

  await page.getByTestId('toolbar-discover').click();
  const dialog = page.getByTestId('discovery-dialog');
  await expect(dialog.getByRole('heading', { name: 'Discover the deployment' })).toBeFocused();

  // A live server needs a host name: a typo is caught before anything is asked.
  await dialog.getByTestId('discover-server').fill('pool 1');
  await dialog.getByTestId('discover-start').click();
  await expect(dialog.getByRole('alert')).toContainText('“pool 1” is not a host name');
  await expect(dialog.getByTestId('discovery-progress')).toHaveCount(0);

  await dialog.getByTestId('discover-lab').check();
  await dialog.getByTestId('discover-start').click();
  const bar = dialog.getByRole('progressbar', { name: 'Discovery progress' });
  await expect(bar).toHaveAttribute('aria-valuenow', '100', { timeout: 45_000 });
  await expect(dialog.getByTestId('discovery-outcome')).toContainText('Done: every query answered.');

  // Every query main ran is listed, each answered; the read cmdlets the issue names are all among them.
  const queries = dialog.getByTestId('discovery-query');
  const texts = await queries.locator('.query-text').allTextContents();
  for (const cmdlet of [
    'Get-CsTopology -AsXml',
    'Get-CsSite',
    'Get-CsPool',
    'Get-CsPoolBackupRelationship',
    'Get-CsService -CentralManagement',
    'Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus',
    'Get-CsPersistentChatState',
    'Get-CsPersistentChatActiveServer',
    'Get-CsService -EdgeServer',
  ]) {
    expect(texts.some((t) => t.startsWith(cmdlet)), `${cmdlet} listed among ${texts.join(' | ')}`).toBe(true);
  }
  expect(texts.filter((t) => t.startsWith('Get-CsPoolBackupRelationship'))).toHaveLength(2); // one per Front End pool
  expect(await queries.evaluateAll((items) => items.map((i) => i.getAttribute('data-status')))).toEqual(texts.map(() => 'succeeded'));

  // The snapshot is in the graph; the status bar and the graph say which one, and how old.
  await dialog.getByTestId('discovery-dialog-close').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('status-environment')).toHaveText(/Lab \(simulated deployment\) — discovered \d{4}-\d\d-\d\d \d\d:\d\d, less than a minute old$/);
  await expect(page.getByTestId('status-source')).toHaveText(/^Snapshot · .+-lab\.poolpilot$/);
  const snapshotName = (await page.getByTestId('status-source').textContent())!.replace('Snapshot · ', '');
  await expect(page.getByTestId('graph-caption')).toContainText(`Snapshot ${snapshotName} · taken`);
  await expect(page.getByTestId('graph-caption')).toContainText('less than a minute old');
  await expect(page.getByTestId('offline-banner')).toHaveCount(0);
  await waitForGraph(page, 'edgepool2.contoso.com');

  // An older snapshot of the same deployment, kept beside it (as an earlier discovery would have).
  const snapshotsDir = join(dataDir, 'snapshots');
  expect(existsSync(join(snapshotsDir, snapshotName))).toBe(true);
  writeFileSync(join(snapshotsDir, '2020-01-01T000000Z-lab.poolpilot'), snapshotText(olderDemo(), new Date(Date.now() - 3 * DAY)));

  await page.getByTestId('toolbar-snapshots').click();
  const rows = dialog.getByTestId('snapshot-row');
  await expect(rows).toHaveCount(2);
  // Newest first: the discovery just made (on screen), then the older one, with their source and age.
  await expect(rows.nth(0)).toContainText('Lab');
  await expect(rows.nth(0)).toContainText('less than a minute old');
  await expect(rows.nth(0)).toContainText('on screen');
  await expect(rows.nth(1)).toContainText('3 days old');
  await expect(rows.nth(0).getByTestId('snapshot-compare')).toBeDisabled();
  await rows.nth(1).getByTestId('snapshot-compare').click();
  await expect(dialog).toBeHidden();

  const panel = page.getByTestId('diff-panel');
  await expect(panel.getByRole('heading', { name: '2 changes' })).toBeFocused();
  await expect(panel.getByTestId('diff-sides')).toContainText(`to ${snapshotName}`);
  const entries = panel.getByTestId('diff-entry');
  await expect(entries).toHaveCount(2);
  await expect(entries.nth(0)).toContainText('Next hop of edgepool2.contoso.com');
  await expect(entries.nth(0)).toContainText('pool1.contoso.com → pool2.contoso.com');
  await expect(entries.nth(1)).toContainText('Persistent Chat pool pchat1.contoso.com');
  await expect(entries.nth(1)).toContainText('FailedOver');

  // On the graph: the next hop as it is now is "added", the one it replaced drawn as a "before" ghost.
  expect(await classesOf(page, 'edgeNextHop:edgepool2.contoso.com->pool2.contoso.com')).toContain('diff-added');
  expect(await classesOf(page, 'diff-ghost:edgeNextHop:edgepool2.contoso.com->pool1.contoso.com')).toEqual(
    expect.arrayContaining(['diff-ghost', 'diff-removed']),
  );
  expect(await classesOf(page, 'edgepool2.contoso.com')).toContain('diff-changed');
  expect(await classesOf(page, 'pchat1.contoso.com')).toContain('diff-changed');
  expect(await classesOf(page, 'pool1.contoso.com')).not.toContain('diff-changed');

  await panel.getByTestId('diff-clear').click();
  await expect(panel).toBeHidden();
  expect(await page.evaluate(() => window.__poolpilot!.cy.elements('.diff-added, .diff-removed, .diff-changed, .diff-ghost').length)).toBe(0);
  expect(app.errors).toEqual([]);
});

test('an old snapshot opens as offline data: its age in the status bar, the banner, and what it misses', async ({ app }) => {
  const { page, dialogs, workDir } = app;
  await waitForGraph(page, 'pool1.contoso.com');
  const file = join(workDir, 'before-the-outage.poolpilot');
  writeFileSync(file, snapshotText(demoDeployment(), new Date(Date.now() - 2 * DAY - 3_600_000), ['Get-CsPersistentChatState failed: the CMS did not answer']));
  dialogs.openPath = file;
  await page.getByTestId('toolbar-open').click();

  await expect(page.getByTestId('status-environment')).toHaveText(/Offline snapshot — taken \d{4}-\d\d-\d\d \d\d:\d\d, 2 days old$/);
  await expect(page.getByTestId('status-source')).toHaveText('Snapshot · before-the-outage.poolpilot');
  const banner = page.getByTestId('offline-banner');
  await expect(banner).toContainText('You are looking at a snapshot taken');
  await expect(banner).toContainText('2 days ago');
  await expect(page.getByTestId('graph-caption')).toContainText('Snapshot before-the-outage.poolpilot · taken');
  await expect(page.getByTestId('graph-caption')).toContainText('incomplete: 1 query not read');

  // Hidden for this deployment; the Demo brings the lab back, which is never stale.
  await banner.getByRole('button', { name: 'Hide this notice for this deployment' }).click();
  await expect(banner).toBeHidden();
  await page.getByTestId('toolbar-demo').click();
  await expect(page.getByTestId('status-environment')).toHaveText(/Lab \(simulated deployment\)$/);
  await expect(page.getByTestId('graph-caption')).toHaveCount(0);
  expect(app.errors).toEqual([]);
});

test('comparing the demo with a snapshot file lists and draws the changes; Escape clears them', async ({ app }) => {
  const { page, workDir } = app;
  await waitForGraph(page, 'pool1.contoso.com');
  const file = join(workDir, 'monday.poolpilot');
  writeFileSync(file, snapshotText(olderDemo(), new Date(Date.now() - DAY)));

  await page.getByTestId('toolbar-snapshots').click();
  const dialog = page.getByTestId('discovery-dialog');
  await expect(dialog.getByTestId('snapshot-list-empty')).toBeVisible();
  await dialog.getByTestId('compare-file-input').setInputFiles(file);
  await expect(dialog).toBeHidden();

  const panel = page.getByTestId('diff-panel');
  await expect(panel.getByRole('heading', { name: '2 changes' })).toBeFocused();
  await expect(panel.getByTestId('diff-sides')).toHaveText(/^From monday\.poolpilot \(taken .+\) to Built-in demo deployment — on screen\.$/);
  await expect(panel.getByTestId('diff-entry')).toHaveCount(2);
  expect(await classesOf(page, 'edgeNextHop:edgepool2.contoso.com->pool2.contoso.com')).toContain('diff-added');

  // A change's name shows it on the graph.
  await panel.getByRole('button', { name: 'Next hop of edgepool2.contoso.com: show on the graph' }).click();
  await expect(page.getByTestId('inspector-heading')).toContainText('edgepool2.contoso.com');

  // Escape in the graph clears the selection first, then the comparison.
  await page.getByTestId('graph').focus();
  await page.keyboard.press('Escape');
  await expect(panel).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  expect(await page.evaluate(() => window.__poolpilot!.cy.elements('.diff-added, .diff-removed, .diff-changed, .diff-ghost').length)).toBe(0);
  expect(app.errors).toEqual([]);
});

test('the offline collector script is shown read-only and exported as it ships', async ({ app }) => {
  const { page, dialogs, workDir } = app;
  await waitForGraph(page, 'pool1.contoso.com');
  await page.getByTestId('toolbar-discover').click();
  const dialog = page.getByTestId('discovery-dialog');
  await dialog.getByTestId('discover-to-collector').click();
  await expect(dialog.getByRole('heading', { name: 'Offline collector script' })).toBeFocused();
  await expect(dialog).toContainText('Run it on a Front End server');
  const text = dialog.getByTestId('collector-text');
  await expect(text).toHaveJSProperty('readOnly', true);
  const shown = await text.inputValue();

  const target = join(workDir, 'export', 'collector.ps1');
  mkdirSync(join(workDir, 'export'));
  dialogs.savePath = target;
  await dialog.getByTestId('collector-export').click();
  await expect(dialog.getByTestId('collector-saved')).toHaveText(`Saved to ${target}`);
  // Byte for byte the script the app ships (the text box shows it with its line ends normalised).
  expect(readFileSync(target).equals(readFileSync(COLLECTOR))).toBe(true);
  expect(shown).toBe(readFileSync(COLLECTOR, 'utf8').replace(/\r\n/g, '\n'));
  expect(app.errors).toEqual([]);
});

/**
 * Long operations show a progress bar in the status bar, named for what is going on: opening a
 * big topology keeps it up (and the graph marked busy) from the request until the graph has drawn
 * the pools, not just until the file is read; exporting the PNG shows it until the file is saved.
 * Main's answers are held back until the bar has been seen, so nothing here depends on timing.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { synthTopologyXml } from '../../src/shared/topology/synth';
import { test, expect } from './harness';

const POOLS = 2000;

/** A gate the test opens when it has seen what it waits for. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

async function waitForDemo(page: Page) {
  await page.waitForFunction(() => window.__poolpilot?.cy.getElementById('pool1.contoso.com').nonempty() === true);
}

test('opening a 2000-pool topology shows its progress until the graph has drawn the pools', async ({ app }) => {
  const { page, dialogs, workDir } = app;
  await waitForDemo(page);
  const file = join(workDir, 'big.xml');
  writeFileSync(file, synthTopologyXml(POOLS));
  dialogs.openPath = file;
  const chosen = gate();
  const choose = dialogs.chooseSourceToOpen.bind(dialogs);
  dialogs.chooseSourceToOpen = async () => {
    await chosen.opened;
    return choose();
  };
  // Whether the bar was still up when the graph began adding the new pools: after main has answered,
  // drawing 2000 pools is a wait of its own.
  await page.evaluate(() => {
    const w = window as unknown as { __barWhileDrawing?: boolean };
    window.__poolpilot!.cy.one('add', 'node.pool', () => {
      w.__barWhileDrawing = document.querySelector('[role="progressbar"][aria-label^="Opening"]') !== null;
    });
  });

  await page.getByTestId('toolbar-open').click();
  const opening = page.getByRole('progressbar', { name: /^Opening/ });
  await expect(opening).toBeVisible();
  await expect(page.getByTestId('graph')).toHaveAttribute('aria-busy', 'true');

  chosen.open();
  await page.waitForFunction((pools) => {
    const pp = window.__poolpilot!;
    return pp.store.getState().deployment?.source.name === 'big.xml' && pp.cy.nodes('.pool').length === pools;
  }, POOLS);
  await expect(opening).toHaveCount(0);
  await expect(page.getByTestId('graph')).toHaveAttribute('aria-busy', 'false');
  await expect(page.getByTestId('status-counts')).toContainText(`${POOLS} pools`);
  expect(await page.evaluate(() => performance.getEntriesByName('poolpilot:graph-shown').length)).toBeGreaterThan(1);
  expect(await page.evaluate(() => (window as unknown as { __barWhileDrawing?: boolean }).__barWhileDrawing)).toBe(true);
  expect(app.errors).toEqual([]);
});

test('exporting the PNG shows its progress, then where the image was saved', async ({ app }) => {
  const { page, dialogs, workDir } = app;
  await waitForDemo(page);
  dialogs.savePath = join(workDir, 'graph.png');
  const chosen = gate();
  const choose = dialogs.choosePngPath.bind(dialogs);
  dialogs.choosePngPath = async () => {
    await chosen.opened;
    return choose();
  };

  await page.getByTestId('toolbar-export-png').click();
  const exporting = page.getByRole('progressbar', { name: 'Exporting the graph image' });
  await expect(exporting).toBeVisible();
  // How long is unknown: an indeterminate bar, with no value to announce.
  await expect(exporting).not.toHaveAttribute('aria-valuenow', /./);

  chosen.open();
  await expect(page.getByTestId('toast')).toContainText('Graph image saved to');
  await expect(page.getByTestId('toast')).toContainText('graph.png');
  await expect(exporting).toHaveCount(0);
  expect(app.errors).toEqual([]);
});

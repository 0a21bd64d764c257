/**
 * Accessibility, checked the way an auditor would: axe-core scans the demo view, a selected pool and
 * the search results (no serious or critical violation), and the keyboard alone gets from the
 * toolbar to the search box to the graph, picks pools with the arrow keys and clears with Escape.
 * The page keeps its real Content Security Policy: axe is served from the page's own origin.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bridgePage, ScriptedDialogs, startRendererHost } from '../support/renderer-host';

const AXE_URL = '/__axe.min.js';
const AXE_FILE = createRequire(__filename).resolve('axe-core/axe.min.js');

interface AxeNode {
  target: string[];
  html: string;
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: AxeNode[];
}

const test = base.extend<{ errors: string[] }>({
  errors: async ({}, use) => use([]),
  page: async ({ page, errors }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'poolpilot-a11y-'));
    const host = await startRendererHost({ dataDir, dialogs: new ScriptedDialogs(), extraFiles: { [AXE_URL]: AXE_FILE } });
    page.on('pageerror', (err) => errors.push(err.message));
    await bridgePage(page, host);
    await page.goto(host.url);
    await page.waitForFunction(() => !!window.__poolpilot?.cy && window.__poolpilot.cy.getElementById('pool1.contoso.com').nonempty());
    await use(page);
    await host.close();
    rmSync(dataDir, { recursive: true, force: true });
  },
});

/** Serious and critical violations on the page as it is now, one readable line per element. */
async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ url: AXE_URL });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.impact} ${v.id} (${v.help}) at ${n.target.join(' ')}: ${n.html.slice(0, 160)}`));
}

const heading = (page: Page) => page.getByTestId('inspector-heading');

test('the demo view has no serious or critical accessibility violation', async ({ page, errors }) => {
  expect(await seriousViolations(page)).toEqual([]);
  expect(errors).toEqual([]);
});

test('the dark theme has none either (contrast is checked per theme)', async ({ page }) => {
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await background();
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(background, { message: 'the page switched to its dark colours' }).not.toBe(light);
  await page.getByTestId('search-input').fill('pool');
  await expect(page.getByTestId('search-results')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test('a selected pool in the inspector has none either', async ({ page }) => {
  await page.getByTestId('graph').focus();
  await page.keyboard.press('ArrowRight');
  await expect(heading(page)).toContainText('.contoso.com');
  expect(await seriousViolations(page)).toEqual([]);
});

test('the search results list has none either', async ({ page }) => {
  await page.getByTestId('search-input').fill('pool');
  await expect(page.getByTestId('search-results')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test('the discovery dialog, the kept snapshots and a comparison have none either', async ({ page }) => {
  await page.getByTestId('toolbar-discover').click();
  const dialog = page.getByTestId('discovery-dialog');
  await dialog.getByTestId('discover-start').click();
  await expect(dialog.getByRole('progressbar', { name: 'Discovery progress' })).toHaveAttribute('aria-valuenow', '100', { timeout: 45_000 });
  expect(await seriousViolations(page)).toEqual([]);

  // The demo back on screen, compared with the snapshot the discovery kept.
  await dialog.getByTestId('discovery-dialog-close').click();
  await page.getByTestId('toolbar-demo').click();
  await expect(page.getByTestId('status-source')).toContainText('Lab');
  await page.getByTestId('toolbar-snapshots').click();
  await expect(dialog.getByTestId('snapshot-row')).toHaveCount(1);
  expect(await seriousViolations(page)).toEqual([]);
  await dialog.getByTestId('snapshot-compare').click();
  await expect(page.getByTestId('diff-panel')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test('the keyboard alone reaches the toolbar, the search box and the graph, and picks pools there', async ({ page }) => {
  /** Presses Tab until `done` holds for the focused element; the focus path goes in the failure message. */
  const tabUntil = async (what: string, done: () => Promise<boolean>) => {
    const path: string[] = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      path.push(await page.evaluate(() => {
        const el = document.activeElement;
        return el ? `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : ''}` : 'none';
      }));
      if (await done()) return;
    }
    throw new Error(`Tab never reached ${what}; focus went: ${path.join(' → ')}`);
  };
  const focusedIn = (selector: string) => () => page.evaluate((s) => !!document.activeElement?.closest(s), selector);

  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await tabUntil('the toolbar', focusedIn('header.toolbar button'));
  await tabUntil('the search box', focusedIn('[data-testid="search-input"]'));
  await tabUntil('the graph', focusedIn('[data-testid="graph"]'));

  const before = (await heading(page).textContent()) ?? '';
  await page.keyboard.press('ArrowRight');
  await expect(heading(page)).not.toHaveText(before);
  await expect(heading(page)).toContainText('.contoso.com');
  const first = (await heading(page).textContent()) ?? '';
  await page.keyboard.press('ArrowRight');
  await expect(heading(page)).not.toHaveText(first);
  await expect(heading(page)).toContainText('.contoso.com');
  await expect(page.locator('#graph-selection-status')).toHaveText(/^Selected .+\.contoso\.com$/);

  await page.keyboard.press('Escape');
  await expect(heading(page)).toHaveText(before);
  await expect(page.locator('#graph-selection-status')).toHaveText('Nothing selected');
});

test('the run console has none either, in both themes, and the keyboard alone answers its prompt', async ({ page, errors }) => {
  await page.evaluate(() => {
    const store = window.__poolpilot!.store.getState();
    store.setComponentDown({ kind: 'pool', fqdn: 'pool1.contoso.com' }, true);
    store.proposeChange({ kind: 'failoverPool', pool: 'pool1.contoso.com' });
  });
  await page.getByTestId('tab-plan').click();
  await page.getByTestId('plan-run').click();
  await expect(page.getByTestId('run-review')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByTestId('run-start').click();
  const prompt = page.getByTestId('run-prompt');
  await expect(prompt).toHaveAttribute('data-prompt', 'confirm');
  await expect(page.getByRole('progressbar', { name: 'Run progress' })).toHaveAttribute('aria-valuenow', '0');
  expect(await seriousViolations(page)).toEqual([]);
  // The prompt takes the focus when it appears; Tab reaches "Run it", Enter answers.
  await expect(prompt.getByRole('heading')).toBeFocused();
  for (let i = 0; i < 5 && !(await prompt.getByTestId('run-prompt-run').evaluate((b) => b === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(prompt.getByTestId('run-prompt-run')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(prompt.getByTestId('run-prompt-command')).toContainText('Invoke-CsManagementServerFailover');
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await seriousViolations(page)).toEqual([]);

  await prompt.getByTestId('run-prompt-stop').click();
  await expect(page.getByTestId('run-finished-heading')).toHaveText('Run stopped');
  expect(await seriousViolations(page)).toEqual([]);
  await page.emulateMedia({ colorScheme: 'light' });
  expect(await seriousViolations(page)).toEqual([]);
  expect(errors).toEqual([]);
});

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

/**
 * The app's renderer in the system Chromium, bridged to the real main-process handlers
 * (test/support/renderer-host.ts), with a topology ready to be opened the way an admin opens one:
 * through the Open dialog (answered by the script), so main offers the path under the same rule as
 * in the app. Shared by the benchmarks that need the drawn graph.
 */
import { chromium, type Page } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bridgePage, ScriptedDialogs, startRendererHost } from '../test/support/renderer-host';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/support/chromium';

/** Runs `use` on a page of the app whose Open dialog answers with a file holding `topologyXml`. */
export async function withRendererPage<T>(topologyXml: string, extraFiles: Record<string, string>, use: (page: Page) => Promise<T>): Promise<T> {
  const work = mkdtempSync(join(tmpdir(), 'poolpilot-bench-'));
  const topologyPath = join(work, 'synth.xml');
  writeFileSync(topologyPath, topologyXml);
  const dialogs = new ScriptedDialogs();
  dialogs.openPath = topologyPath;
  const host = await startRendererHost({ dataDir: join(work, 'data'), dialogs, extraFiles });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await bridgePage(page, host);
    await page.goto(host.url);
    await page.waitForFunction(() => window.__poolpilot?.cy.nodes().length);
    return await use(page);
  } finally {
    await browser.close();
    await host.close();
    rmSync(work, { recursive: true, force: true });
  }
}

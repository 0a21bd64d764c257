/**
 * The browser test fixture: a page showing the built renderer with `window.api` bridged to the real
 * main-process handlers (see test/support/renderer-host.ts), fresh data and work folders per test,
 * and the page's errors collected so a test can assert there were none.
 */
import { test as base, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bridgePage, ScriptedDialogs, startRendererHost } from '../support/renderer-host';
import type { LabRunner } from '../../src/main/run/connect';

export const FIXTURES = resolve(__dirname, '../../../shared/fixtures/topologies/public');

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { findPwsh } = require('../../scripts/find-pwsh.cjs') as { findPwsh(): string | undefined };
const pwsh = findPwsh();
/** Real pwsh with the lab module, as the app runs the lab where PowerShell is (undefined without pwsh). */
export const MODULE_LAB: LabRunner | undefined =
  pwsh === undefined ? undefined : { kind: 'module', powershell: pwsh, modulePath: resolve(__dirname, '../../resources/ps/PoolPilotLab/PoolPilotLab.psd1'), label: 'PowerShell 7' };

export interface AppFixture {
  page: Page;
  dialogs: ScriptedDialogs;
  dataDir: string;
  /** A fresh temporary folder for files the test writes. */
  workDir: string;
  errors: string[];
}

export const test = base.extend<{ app: AppFixture; labRunner: LabRunner | undefined }>({
  /** What answers lab runs (test.use it): by default the lab shell, which starts fastest. */
  labRunner: [undefined, { option: true }],
  app: async ({ page, labRunner }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'poolpilot-e2e-data-'));
    const workDir = mkdtempSync(join(tmpdir(), 'poolpilot-e2e-work-'));
    const dialogs = new ScriptedDialogs();
    const host = await startRendererHost({ dataDir, dialogs, ...(labRunner ? { labRunner } : {}) });
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(msg.text());
    });
    await bridgePage(page, host);
    await page.goto(host.url);
    await use({ page, dialogs, dataDir, workDir, errors });
    await host.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(workDir, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';

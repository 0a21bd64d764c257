/**
 * The browser test harness: the built renderer (out/renderer) served over 127.0.0.1, and `window.api`
 * bridged to the real main-process handlers running in this Node process — the same createHandlers +
 * createDispatcher the Electron app registers on ipcMain. Only the thin Electron glue (window, ipcMain,
 * native dialogs) is left out; dialogs answer from a script the test sets.
 */
import { test as base, type Page } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { AppData } from '../../src/main/services/app-data';
import { createHandlers } from '../../src/main/ipc/handlers';
import { createDispatcher } from '../../src/main/ipc/dispatch';
import type { Dialogs } from '../../src/main/ipc/dialogs';
import { CHANNEL_NAMES } from '../../src/shared/ipc/channel-names';

const RENDERER_DIR = resolve(__dirname, '../../out/renderer');
export const FIXTURES = resolve(__dirname, '../../../shared/fixtures/topologies/public');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

function serveRenderer(): Promise<{ server: Server; url: string }> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error(`No built renderer at ${RENDERER_DIR}: run "npm run build" first (npm test does).`);
  }
  const server = createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    const file = normalize(join(RENDERER_DIR, urlPath === '/' ? 'index.html' : urlPath));
    if (!file.startsWith(RENDERER_DIR) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    done({ server, url: `http://127.0.0.1:${port}/` });
  }));
}

/** Answers the next native dialog the app would show. */
export class ScriptedDialogs implements Dialogs {
  openPath: string | null = null;
  savePath: string | null = null;
  async chooseSourceToOpen() {
    return this.openPath;
  }
  async chooseSnapshotPath() {
    return this.savePath;
  }
  async choosePngPath() {
    return this.savePath;
  }
}

export interface AppFixture {
  page: Page;
  dialogs: ScriptedDialogs;
  dataDir: string;
  /** A fresh temporary folder for files the test writes. */
  workDir: string;
  errors: string[];
}

// Runs in the page before the app: the same bridge the preload builds, over exposeFunction.
// Uint8Array request fields travel as base64 (exposeFunction passes JSON-compatible values).
const BRIDGE_SCRIPT = (names: readonly string[]) => {
  const encode = (value: unknown): unknown => {
    if (value instanceof Uint8Array) {
      let binary = '';
      for (let i = 0; i < value.length; i += 0x8000) binary += String.fromCharCode(...value.subarray(i, i + 0x8000));
      return { __bytes: btoa(binary) };
    }
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, encode(v)]));
    }
    return value;
  };
  const invoke = (window as unknown as { __poolpilotInvoke: (c: string, r: unknown) => Promise<any> }).__poolpilotInvoke;
  const api: Record<string, (request?: unknown) => Promise<unknown>> = {};
  for (const name of names) {
    api[name] = async (request?: unknown) => {
      const envelope = await invoke(name, encode(request));
      if (envelope && envelope.ok === true) return envelope.value;
      throw new Error(envelope?.error?.message ?? 'No answer from PoolPilot main process.');
    };
  }
  (window as unknown as { api: unknown }).api = Object.freeze(api);
};

function decode(value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    if (typeof obj.__bytes === 'string' && Object.keys(obj).length === 1) return new Uint8Array(Buffer.from(obj.__bytes, 'base64'));
    return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, decode(v)]));
  }
  return value;
}

export const test = base.extend<{ app: AppFixture }>({
  app: async ({ page }, use) => {
    const { server, url } = await serveRenderer();
    const dataDir = mkdtempSync(join(tmpdir(), 'poolpilot-e2e-data-'));
    const workDir = mkdtempSync(join(tmpdir(), 'poolpilot-e2e-work-'));
    const dialogs = new ScriptedDialogs();
    const dispatch = createDispatcher(
      createHandlers({
        appData: new AppData(dataDir),
        dialogs,
        info: { version: 'test', defaultEnvironment: 'lab', versions: { chromium: 'system' } },
      }),
    );
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(msg.text());
    });
    await page.exposeFunction('__poolpilotInvoke', (channel: string, request: unknown) => dispatch(channel, decode(request)));
    await page.addInitScript(BRIDGE_SCRIPT, CHANNEL_NAMES);
    await page.goto(url);
    await use({ page, dialogs, dataDir, workDir, errors });
    server.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(workDir, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';

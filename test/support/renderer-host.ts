/**
 * Hosts the built renderer (out/renderer) over 127.0.0.1 with `window.api` bridged to the real
 * main-process handlers in this Node process — the same createHandlers + createDispatcher the Electron
 * app registers on ipcMain. Used by the browser tests and by the render benchmark. Only the thin
 * Electron glue (window, ipcMain, native dialogs) is left out; dialogs answer from a script.
 */
import type { Page } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import { AppData } from '../../src/main/services/app-data';
import { createHandlers } from '../../src/main/ipc/handlers';
import { createDispatcher, type Dispatch } from '../../src/main/ipc/dispatch';
import type { Dialogs } from '../../src/main/ipc/dialogs';
import { DiscoveryService } from '../../src/main/discovery/discovery-service';
import { SnapshotStore } from '../../src/main/services/snapshot-store';
import { OfferedPaths } from '../../src/main/services/offered-paths';
import { openSession, type LabRunner } from '../../src/main/run/connect';
import { RunService } from '../../src/main/run/run-service';
import { EncryptedFileCredentialStore } from '../../src/main/powershell/credentials';
import { fakeCipher } from './fake-cipher';
import { CHANNEL_NAMES } from '../../src/shared/ipc/channel-names';
import type { Emit, EventName } from '../../src/shared/ipc/events';

const RENDERER_DIR = resolve(__dirname, '../../out/renderer');
const COLLECTOR = resolve(__dirname, '../../resources/ps/collector.ps1');
/** The lab executable (test/support/lab-sessions.ts uses the same; that module needs vitest, this one runs under Playwright). */
const LAB_SHELL = resolve(__dirname, '../../scripts/lab-shell.cjs');
const SHELL_LAB: LabRunner = { kind: 'executable', path: LAB_SHELL };

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

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
  async chooseDiagramPath() {
    return this.savePath;
  }
  async chooseExportPath() {
    return this.savePath;
  }
  async chooseCollectorPath() {
    return this.savePath;
  }
  async chooseReportPath() {
    return this.savePath;
  }
}

type EventListener = (name: EventName, payload: unknown) => void;

export interface RendererHost {
  url: string;
  dispatch: Dispatch;
  /** The paths main handed the window (recent files, kept snapshots); `offer` stands in for a file Windows asks to open. */
  offered: OfferedPaths;
  /** Listens to the events main emits (bridgePage forwards them to its page); returns the unsubscribe. */
  subscribe(listener: EventListener): () => void;
  close(): Promise<void>;
}

/**
 * Serves out/renderer; `extraFiles` maps further URL paths to files (the benchmark loads bare
 * cytoscape from the same origin, which the page's CSP allows).
 */
export async function startRendererHost(options: {
  dataDir: string;
  dialogs: Dialogs;
  extraFiles?: Record<string, string>;
  /** What answers lab runs and discoveries, and what the status bar names (default: the lab shell). */
  labRunner?: LabRunner;
}): Promise<RendererHost> {
  const lab = options.labRunner ?? SHELL_LAB;
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error(`No built renderer at ${RENDERER_DIR}: run "npm run build" first (npm test does).`);
  }
  const listeners = new Set<EventListener>();
  const emit: Emit = (name, payload) => {
    for (const listener of listeners) listener(name, payload);
  };
  const snapshots = new SnapshotStore(options.dataDir);
  // Lab discoveries through the lab executable, as the app runs them from a checkout.
  const discovery = new DiscoveryService({ store: snapshots, emit, openJobs: (connection) => openSession(connection, { lab }), workRoot: options.dataDir });
  // Runs in the data folder, through the lab executable as from a checkout; credentials kept as the
  // app keeps them, with a stand-in for safeStorage.
  const credentials = new EncryptedFileCredentialStore(join(options.dataDir, 'credentials.json'), fakeCipher);
  const runs = new RunService({
    runsDir: join(options.dataDir, 'runs'),
    emit,
    openJobs: (connection, o) => openSession(connection, { ...o, lab }),
    credentials,
  });
  const appData = new AppData(options.dataDir);
  const offered = new OfferedPaths(() => appData.recentFiles());
  const dispatch = createDispatcher(
    createHandlers({
      emit,
      offered,
      discovery,
      snapshots,
      collectorPath: COLLECTOR,
      runs,
      credentials,
      appData,
      dialogs: options.dialogs,
      labRunner: Promise.resolve(lab),
      info: { version: 'test', defaultEnvironment: 'lab', versions: { chromium: 'system' } },
    }),
  );
  const server: Server = createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    const extra = options.extraFiles?.[urlPath];
    const file = extra ?? normalize(join(RENDERER_DIR, urlPath === '/' ? 'index.html' : urlPath));
    if ((!extra && !file.startsWith(RENDERER_DIR)) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  const url = await new Promise<string>((done) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      done(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`);
    }),
  );
  return {
    url,
    dispatch,
    offered,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => {
      // A run left going on would keep its lab shell alive after the test.
      await runs.dispose();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
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
  type Invoke = (c: string, r: unknown) => Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>;
  const invoke = (window as unknown as { __poolpilotInvoke: Invoke }).__poolpilotInvoke;
  const api: Record<string, (request?: unknown) => Promise<unknown>> = {};
  for (const name of names) {
    api[name] = async (request?: unknown) => {
      const envelope = await invoke(name, encode(request));
      if (envelope && envelope.ok === true) return envelope.value;
      throw new Error(envelope?.error?.message ?? 'No answer from PoolPilot main process.');
    };
  }
  (window as unknown as { api: unknown }).api = Object.freeze(api);
  // The preload's poolpilotEvents, fed by the host through __poolpilotDeliver.
  const eventListeners = new Map<string, Set<(payload: unknown) => void>>();
  (window as unknown as { poolpilotEvents: unknown }).poolpilotEvents = Object.freeze({
    on: (name: string, callback: (payload: unknown) => void) => {
      const set = eventListeners.get(name) ?? new Set();
      set.add(callback);
      eventListeners.set(name, set);
      return () => set.delete(callback);
    },
  });
  (window as unknown as { __poolpilotDeliver: unknown }).__poolpilotDeliver = (name: string, payload: unknown) => {
    for (const callback of eventListeners.get(name) ?? []) callback(payload);
  };
};

function decode(value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    if (typeof obj.__bytes === 'string' && Object.keys(obj).length === 1) return new Uint8Array(Buffer.from(obj.__bytes, 'base64'));
    return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, decode(v)]));
  }
  return value;
}

/** Installs `window.api` and `window.poolpilotEvents` in the page (call before navigating to host.url). */
export async function bridgePage(page: Page, host: Pick<RendererHost, 'dispatch' | 'subscribe'>): Promise<void> {
  await page.exposeFunction('__poolpilotInvoke', (channel: string, request: unknown) => host.dispatch(channel, decode(request)));
  const unsubscribe = host.subscribe((name, payload) => {
    // Events are JSON data; a page that has gone away just misses them, as a closed window would.
    page.evaluate(([n, p]) => (window as unknown as { __poolpilotDeliver?: (n: string, p: unknown) => void }).__poolpilotDeliver?.(n, p), [name, payload] as const).catch(() => undefined);
  });
  page.once('close', unsubscribe);
  // Under tsx (the benchmark), functions sent to the page are compiled with keepNames and call `__name`.
  await page.addInitScript('globalThis.__name ??= (f) => f');
  await page.addInitScript(BRIDGE_SCRIPT, CHANNEL_NAMES);
}

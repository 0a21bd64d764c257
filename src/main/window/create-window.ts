/**
 * The main window and its security settings: isolated, sandboxed renderer without Node; no navigation
 * away from our page, no new windows, no permission grants. The CSP itself is a meta tag in
 * src/renderer/index.html and also a response header (csp.ts), which alone can carry frame-ancestors.
 * test/security/electronegativity.test.ts reviews this file and lists why its inline suppression is accepted.
 */
import { BrowserWindow, session } from 'electron';
import { join } from 'node:path';
import { CONTENT_SECURITY_POLICY } from './csp';
import { isTrustedUrl } from './trusted-url';
import type { WindowBounds } from './window-state';

export function hardenSession(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}

export function createMainWindow(rendererUrl: string, bounds: WindowBounds | undefined): BrowserWindow {
  const win = new BrowserWindow({
    width: bounds?.width ?? 1400,
    height: bounds?.height ?? 900,
    ...(bounds?.x !== undefined && bounds?.y !== undefined ? { x: bounds.x, y: bounds.y } : {}),
    minWidth: 900,
    minHeight: 600,
    title: 'PoolPilot',
    show: false,
    backgroundColor: '#f3f4f6',
    webPreferences: {
      // Reviewed: the sandboxed preload exposes only the IPC bridge (schema-checked in main) via contextBridge.
      preload: join(__dirname, '../preload/index.cjs'), // eng-disable PRELOAD_JS_CHECK (reviewed, see above)
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      // Middle-click would ask for a new window; refused anyway below, but not even asked.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  if (bounds?.maximized) win.maximize();

  // No second window, and no hand-off to the system browser either: the renderer shows no links, and
  // shell.openExternal on a URL the page chose is how a compromised renderer would launch programs.
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-navigate', (event, url) => {
    if (!isTrustedUrl(url, rendererUrl)) event.preventDefault();
  });
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  win.once('ready-to-show', () => win.show());
  void win.loadURL(rendererUrl);
  return win;
}

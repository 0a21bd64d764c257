/**
 * Electron entry point: wiring only. Services, handlers and the IPC boundary live in modules with no
 * Electron imports (tested directly); this file hands them the window, the dialogs and the paths.
 */
import { app, BrowserWindow, dialog, Menu, safeStorage } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readFile } from 'node:fs/promises';
import { AppData } from './services/app-data';
import { writeFileAtomic } from './services/atomic-write';
import { createHandlers } from './ipc/handlers';
import { DiscoveryService } from './discovery/discovery-service';
import { SnapshotStore } from './services/snapshot-store';
import { OfferedPaths } from './services/offered-paths';
import { findLabRunner, openSessionWhenFound } from './run/connect';
import { RunService } from './run/run-service';
import { EncryptedFileCredentialStore, type Cipher } from './powershell/credentials';
import type { Emit } from '../shared/ipc/events';
import { createDispatcher } from './ipc/dispatch';
import { registerIpc } from './ipc/register';
import { electronDialogs } from './electron-dialogs';
import { buildMenu } from './menu';
import { fileToOpen } from './launch-files';
import { createMainWindow, hardenSession } from './window/create-window';
import { parseWindowBounds, type WindowBounds } from './window/window-state';

let mainWindow: BrowserWindow | undefined;
/** Set once started: on quit, the run going on is stopped and its session closed. */
let runs: RunService | undefined;
/** Set once started: the paths handed to the window, the only ones topology.openPath reads. */
let offered: OfferedPaths | undefined;

function rendererUrl(): string {
  const devServer = process.env['ELECTRON_RENDERER_URL'];
  return !app.isPackaged && devServer ? devServer : pathToFileURL(join(__dirname, '../renderer/index.html')).href;
}

async function loadBounds(file: string): Promise<WindowBounds | undefined> {
  try {
    return parseWindowBounds(JSON.parse(await readFile(file, 'utf8')));
  } catch {
    return undefined;
  }
}

function rememberBounds(win: BrowserWindow, file: string): void {
  win.on('close', () => {
    const bounds = { ...win.getNormalBounds(), maximized: win.isMaximized() };
    // Best effort, and atomic: a crash here must not leave a broken file that loses the window.
    void writeFileAtomic(file, JSON.stringify(bounds)).catch(() => undefined);
  });
}

/** Asks the renderer to open `path` (it calls topology.openPath, as for a recent file) once the page has loaded. */
function requestOpen(win: BrowserWindow, path: string): void {
  // Recorded before it is sent: topology.openPath reads only paths main offered.
  offered?.offer(path);
  const send = () => win.webContents.send('open-file', path);
  if (win.webContents.isLoadingMainFrame()) win.webContents.once('did-finish-load', send);
  else send();
}

function showAbout(): void {
  const versions = `PoolPilot ${app.getVersion()}\nElectron ${process.versions.electron}\nChromium ${process.versions.chrome}\nNode.js ${process.versions.node}`;
  void dialog.showMessageBox({ type: 'info', title: 'About PoolPilot', message: 'PoolPilot', detail: versions });
}

/**
 * Electron's safeStorage as the credential store's cipher (DPAPI on Windows). It refuses to save
 * when nothing would really encrypt: no encryption at all, or Linux without a keyring, where
 * Electron falls back to a key built into every copy of Chromium ('basic_text').
 */
const safeStorageCipher: Cipher = {
  encrypt: (plainText) => {
    if (!safeStorage.isEncryptionAvailable() || (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text'))
      throw new Error('The credential was not saved: this computer offers PoolPilot no way to encrypt it (on Linux, a keyring such as GNOME Keyring or KWallet is needed). Connections use your Windows sign-in instead.');
    return safeStorage.encryptString(plainText);
  },
  decrypt: (encrypted) => safeStorage.decryptString(encrypted),
};

async function start(): Promise<void> {
  hardenSession();
  const userData = app.getPath('userData');
  const appData = new AppData(userData);
  offered = new OfferedPaths(() => appData.recentFiles());
  const url = rendererUrl();
  // Events go to the main window only; none while it is closed or still loading elsewhere.
  const emit: Emit = (name, payload) => mainWindow?.webContents.send(name, payload);
  const snapshots = new SnapshotStore(userData);
  const credentials = new EncryptedFileCredentialStore(join(userData, 'credentials.json'), safeStorageCipher);
  // The lab answers in real PowerShell (pwsh or Windows PowerShell 5.1) with the lab module, or in this
  // process where the machine has no PowerShell; the status bar says which (app.labRunner).
  const labRunner = findLabRunner();
  const discovery = new DiscoveryService({
    store: snapshots,
    emit,
    // A live discovery connects with the endpoint's saved credential, if any (read only when connecting).
    openJobs: (connection) =>
      openSessionWhenFound(connection, { lab: labRunner, ...(connection.kind === 'server' ? { credential: () => credentials.get(connection.endpoint) } : {}) }),
  });
  runs = new RunService({
    runsDir: join(userData, 'runs'),
    emit,
    openJobs: (connection, options) => openSessionWhenFound(connection, { ...options, lab: labRunner }),
    credentials,
  });
  const handlers = createHandlers({
    appData,
    emit,
    discovery,
    snapshots,
    runs,
    labRunner,
    credentials,
    offered,
    // Shipped beside app.asar (electron-builder.yml extraResources: resources/ps -> <resources>/ps).
    collectorPath: app.isPackaged ? join(process.resourcesPath, 'ps', 'collector.ps1') : join(app.getAppPath(), 'resources', 'ps', 'collector.ps1'),
    dialogs: electronDialogs(() => mainWindow),
    info: {
      version: app.getVersion(),
      defaultEnvironment: 'lab',
      versions: { electron: process.versions.electron, chrome: process.versions.chrome, node: process.versions.node },
    },
  });
  registerIpc(createDispatcher(handlers, (message) => console.error(message)), url);

  const boundsFile = join(userData, 'window-bounds.json');
  mainWindow = createMainWindow(url, await loadBounds(boundsFile));
  rememberBounds(mainWindow, boundsFile);
  mainWindow.on('closed', () => (mainWindow = undefined));
  Menu.setApplicationMenu(buildMenu(() => mainWindow, showAbout));
  const launchFile = fileToOpen(process.argv, process.cwd());
  if (launchFile) requestOpen(mainWindow, launchFile);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // A second launch (e.g. double-clicking another snapshot) hands its file to this instance and quits.
  app.on('second-instance', (_event, argv, workingDirectory) => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
    const file = fileToOpen(argv, workingDirectory);
    if (file) requestOpen(mainWindow, file);
  });
  app.on('window-all-closed', () => app.quit());
  // Quitting waits for the run going on to stop: its session closes, its journal says where it stopped.
  let runStopped = false;
  app.on('before-quit', (event) => {
    if (runStopped || !runs) return;
    event.preventDefault();
    runStopped = true;
    void runs
      .dispose()
      .catch((err: unknown) => console.error(err))
      .finally(() => app.quit());
  });
  app.whenReady().then(start, (err) => {
    console.error(err);
    app.quit();
  });
}

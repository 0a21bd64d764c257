/**
 * The application menu. Items that act on what the window shows are sent to the renderer as menu
 * commands (it owns the graph and the open deployment); the renderer runs the same action as its
 * toolbar button.
 */
import { app, Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../shared/ipc/menu-commands';

export function buildMenu(getWindow: () => BrowserWindow | undefined, showAbout: () => void): Menu {
  const send = (command: MenuCommand) => () => getWindow()?.webContents.send('menu-command', command);
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: '&Open topology or snapshot…', accelerator: 'CmdOrCtrl+O', click: send('open') },
        { label: 'Open the built-in &demo (lab)', accelerator: 'CmdOrCtrl+Shift+D', click: send('openDemo') },
        { type: 'separator' },
        { label: '&Save snapshot…', accelerator: 'CmdOrCtrl+S', click: send('saveSnapshot') },
        { label: '&Export graph as PNG…', accelerator: 'CmdOrCtrl+E', click: send('exportPng') },
        { label: 'Export diagram for dra&w.io…', click: send('exportDrawio') },
        { label: 'Export diagram as S&VG…', click: send('exportSvg') },
        { type: 'separator' },
        { label: 'D&iscover the deployment…', click: send('discover') },
        { label: 'Snapshots and &compare…', click: send('snapshots') },
        { label: 'Offline co&llector script…', click: send('collector') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit', label: 'E&xit' },
      ],
    },
    {
      label: '&Edit',
      submenu: [
        { role: 'copy' },
        { role: 'selectAll' },
        { type: 'separator' },
        { label: '&Find pool or site…', accelerator: 'CmdOrCtrl+F', click: send('find') },
      ],
    },
    {
      label: '&View',
      submenu: [
        { label: '&Fit graph to window', accelerator: 'CmdOrCtrl+0', click: send('fit') },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { role: 'resetZoom', label: 'Actual text size' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' as const }]),
      ],
    },
    { label: '&Help', submenu: [{ label: '&About PoolPilot', click: showAbout }] },
  ];
  return Menu.buildFromTemplate(template);
}

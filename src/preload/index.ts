/**
 * The bridge, and nothing else: one function per IPC channel, generated from the contract's name list.
 * Runs sandboxed, so it is bundled into one CommonJS file with no runtime imports but Electron's.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { CHANNEL_NAMES } from '../shared/ipc/channel-names';
import { buildBridge } from '../shared/ipc/envelope';
import { isMenuCommand, type MenuCommand } from '../shared/ipc/menu-commands';
import { isEventName } from '../shared/ipc/events';
import { createOpenRequests } from './open-requests';

contextBridge.exposeInMainWorld('api', buildBridge(CHANNEL_NAMES, (channel, request) => ipcRenderer.invoke(channel, request)));

// Files the admin opened from outside the app (double-click, "Open with", a second launch).
const openRequests = createOpenRequests();
ipcRenderer.on('open-file', (_event, path: unknown) => openRequests.receive(path));

contextBridge.exposeInMainWorld('poolpilotFiles', {
  // A dropped File's path, for "recent files": sandboxed renderers cannot read File.path any more.
  pathOf: (file: File): string | undefined => {
    try {
      return webUtils.getPathForFile(file) || undefined;
    } catch {
      return undefined;
    }
  },
  onOpenRequest: (callback: (path: string) => void): (() => void) => openRequests.listen(callback),
});

// Application-menu commands (File ▸ Open…, Ctrl+F, …) for the renderer to run like its toolbar buttons.
contextBridge.exposeInMainWorld('poolpilotMenu', {
  onCommand: (callback: (command: MenuCommand) => void): (() => void) => {
    const listener = (_event: unknown, command: unknown) => {
      if (isMenuCommand(command)) callback(command);
    };
    ipcRenderer.on('menu-command', listener);
    return () => ipcRenderer.removeListener('menu-command', listener);
  },
});

// Events main pushes while a run or a discovery goes on. Only the contract's event names are
// listened to, and the callback gets the payload alone (never Electron's event object).
contextBridge.exposeInMainWorld('poolpilotEvents', {
  on: (name: string, callback: (payload: unknown) => void): (() => void) => {
    if (!isEventName(name)) throw new Error(`Unknown event "${String(name).slice(0, 80)}".`);
    const listener = (_event: unknown, payload: unknown) => callback(payload);
    ipcRenderer.on(name, listener);
    return () => ipcRenderer.removeListener(name, listener);
  },
});

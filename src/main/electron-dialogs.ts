/** The Dialogs the handlers need, shown as native Electron dialogs on the main window. */
import { dialog, type BrowserWindow } from 'electron';
import type { Dialogs } from './ipc/dialogs';

export function electronDialogs(getWindow: () => BrowserWindow | undefined): Dialogs {
  const owner = () => getWindow();
  return {
    async chooseSourceToOpen() {
      const win = owner();
      const options: Electron.OpenDialogOptions = {
        title: 'Open a topology or a PoolPilot snapshot',
        properties: ['openFile'],
        filters: [
          { name: 'Topology or snapshot', extensions: ['xml', 'tbxml', 'json'] },
          { name: 'All files', extensions: ['*'] },
        ],
      };
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async chooseSnapshotPath(defaultName) {
      const win = owner();
      const options: Electron.SaveDialogOptions = {
        title: 'Save a PoolPilot snapshot',
        defaultPath: defaultName,
        filters: [{ name: 'PoolPilot snapshot', extensions: ['json'] }],
      };
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return result.canceled ? null : (result.filePath ?? null);
    },
    async choosePngPath(defaultName) {
      const win = owner();
      const options: Electron.SaveDialogOptions = {
        title: 'Export the graph as PNG',
        defaultPath: defaultName,
        filters: [{ name: 'PNG image', extensions: ['png'] }],
      };
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return result.canceled ? null : (result.filePath ?? null);
    },
  };
}

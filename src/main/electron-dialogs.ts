/** The Dialogs the handlers need, shown as native Electron dialogs on the main window. */
import { dialog, type BrowserWindow } from 'electron';
import type { Dialogs } from './ipc/dialogs';
import type { DiagramFormat, PlanExportFormat, REPORT_FORMATS } from '../shared/ipc/contract';

/** The save dialog's file type for each runbook format. */
const RUNBOOK_FILTERS: Record<PlanExportFormat, Electron.FileFilter> = {
  md: { name: 'Markdown runbook', extensions: ['md'] },
  html: { name: 'HTML runbook', extensions: ['html'] },
  ps1: { name: 'PowerShell script', extensions: ['ps1'] },
  json: { name: 'PoolPilot plan (JSON)', extensions: ['json'] },
};

/** The save dialog's file type for each run report format. */
const REPORT_FILTERS: Record<(typeof REPORT_FORMATS)[number], Electron.FileFilter> = {
  html: { name: 'HTML report', extensions: ['html'] },
  md: { name: 'Markdown report', extensions: ['md'] },
  json: { name: 'PoolPilot run report (JSON)', extensions: ['json'] },
};

/** The save dialog's file type for each diagram format. */
const DIAGRAM_FILTERS: Record<DiagramFormat, Electron.FileFilter> = {
  drawio: { name: 'draw.io diagram', extensions: ['drawio'] },
  svg: { name: 'SVG picture', extensions: ['svg'] },
};

export function electronDialogs(getWindow: () => BrowserWindow | undefined): Dialogs {
  const owner = () => getWindow();
  return {
    async chooseSourceToOpen() {
      const win = owner();
      const options: Electron.OpenDialogOptions = {
        title: 'Open a topology or a PoolPilot snapshot',
        properties: ['openFile'],
        filters: [
          { name: 'Topology or snapshot', extensions: ['xml', 'tbxml', 'poolpilot', 'json'] },
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
        // Its own extension, so the installer can associate snapshots with PoolPilot (content is JSON).
        filters: [{ name: 'PoolPilot snapshot', extensions: ['poolpilot'] }],
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
    async chooseDiagramPath(defaultName, format) {
      const win = owner();
      const options: Electron.SaveDialogOptions = {
        title: format === 'drawio' ? 'Export the deployment diagram for draw.io' : 'Export the deployment diagram as SVG',
        defaultPath: defaultName,
        filters: [DIAGRAM_FILTERS[format]],
      };
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return result.canceled ? null : (result.filePath ?? null);
    },
    async chooseExportPath(defaultName, format) {
      const win = owner();
      const options: Electron.SaveDialogOptions = {
        title: 'Export the runbook',
        defaultPath: defaultName,
        filters: [RUNBOOK_FILTERS[format]],
      };
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return result.canceled ? null : (result.filePath ?? null);
    },
    async chooseReportPath(defaultName, format) {
      const win = owner();
      const options: Electron.SaveDialogOptions = { title: 'Export the run report', defaultPath: defaultName, filters: [REPORT_FILTERS[format]] };
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return result.canceled ? null : (result.filePath ?? null);
    },
    async chooseCollectorPath(defaultName) {
      const win = owner();
      const options: Electron.SaveDialogOptions = {
        title: 'Save the offline collector script',
        defaultPath: defaultName,
        filters: [{ name: 'PowerShell script', extensions: ['ps1'] }],
      };
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return result.canceled ? null : (result.filePath ?? null);
    },
  };
}

/**
 * Electron glue for the IPC contract: one ipcMain.handle per channel, each checking that the sender is
 * our own window showing our own page before dispatching. Kept thin; the logic is in dispatch.ts.
 */
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { CHANNEL_NAMES } from '../../shared/ipc/channel-names';
import type { Dispatch } from './dispatch';
import { isTrustedUrl } from '../window/trusted-url';

export function isTrustedSender(event: IpcMainInvokeEvent, rendererUrl: string): boolean {
  const win = BrowserWindow.fromWebContents(event.sender);
  if (!win) return false;
  const frameUrl = event.senderFrame?.url;
  return typeof frameUrl === 'string' && isTrustedUrl(frameUrl, rendererUrl);
}

export function registerIpc(dispatch: Dispatch, rendererUrl: string): void {
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, (event, request: unknown) => {
      if (!isTrustedSender(event, rendererUrl)) {
        return { ok: false, error: { message: 'Request refused: it did not come from the PoolPilot window.' } };
      }
      return dispatch(channel, request);
    });
  }
}

import type { Api } from './contract';
import type { MenuCommand } from './menu-commands';

/** What the preload exposes to the renderer (absent parts are optional: browser tests bridge only `api`). */
declare global {
  interface Window {
    api: Api;
    poolpilotFiles?: { pathOf(file: File): string | undefined };
    poolpilotMenu?: { onCommand(callback: (command: MenuCommand) => void): () => void };
  }
}
export {};

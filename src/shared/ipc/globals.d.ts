import type { Api } from './contract';
import type { MenuCommand } from './menu-commands';
import type { EventName, EventPayloads } from './events';

/** What the preload exposes to the renderer (absent parts are optional: browser tests bridge only `api`). */
declare global {
  interface Window {
    api: Api;
    poolpilotFiles?: {
      pathOf(file: File): string | undefined;
      /** Files the admin opened from outside the app (file association, second launch); returns the unsubscribe. */
      onOpenRequest(callback: (path: string) => void): () => void;
    };
    poolpilotMenu?: { onCommand(callback: (command: MenuCommand) => void): () => void };
    /** Events main pushes (run and discovery progress); returns the unsubscribe. */
    poolpilotEvents?: { on<E extends EventName>(name: E, callback: (payload: EventPayloads[E]) => void): () => void };
  }
}
export {};

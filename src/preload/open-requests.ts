/**
 * Files main asks the renderer to open (see src/main/launch-files.ts). The first request arrives as
 * soon as the page has loaded, which can be before React has mounted and subscribed, so requests
 * wait here until a listener is set. No Electron imports: tested directly.
 */
export interface OpenRequests {
  /** Called with each path main sends. */
  receive(path: unknown): void;
  /** Sets the one listener (the renderer's), hands it what arrived before; returns the unsubscribe. */
  listen(listener: (path: string) => void): () => void;
}

export function createOpenRequests(): OpenRequests {
  const waiting: string[] = [];
  let current: ((path: string) => void) | undefined;
  return {
    receive(path) {
      if (typeof path !== 'string' || path.length === 0) return;
      if (current) current(path);
      else waiting.push(path);
    },
    listen(listener) {
      current = listener;
      for (const path of waiting.splice(0)) listener(path);
      return () => {
        if (current === listener) current = undefined;
      };
    },
  };
}

/**
 * Which URLs count as "our page": the renderer's own origin (the dev server in development) or its
 * file:// entry in a build. Used to refuse navigation elsewhere and IPC from anything else.
 */
export function isTrustedUrl(candidate: string, rendererUrl: string): boolean {
  let url: URL;
  let own: URL;
  try {
    url = new URL(candidate);
    own = new URL(rendererUrl);
  } catch {
    return false;
  }
  if (own.protocol === 'file:') return url.protocol === 'file:' && url.pathname === own.pathname;
  return url.origin === own.origin;
}

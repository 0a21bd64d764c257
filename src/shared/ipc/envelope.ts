/**
 * What crosses the IPC boundary back to the renderer. Handlers never throw across it: Electron would
 * wrap the message in "Error invoking remote method …" and the stack would leak. Main answers with an
 * envelope; the bridge unwraps it and rejects with the readable message alone.
 */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: { message: string } };

export function unwrapEnvelope<T>(envelope: Envelope<T>): T {
  if (envelope && envelope.ok === true) return envelope.value;
  const message = envelope && envelope.ok === false ? envelope.error.message : 'No answer from PoolPilot main process.';
  throw new Error(message);
}

/** Builds the renderer's `api` object: one function per channel, each an invoke plus unwrap. */
export function buildBridge<A>(names: readonly string[], invoke: (channel: string, request: unknown) => Promise<unknown>): A {
  const api: Record<string, (request?: unknown) => Promise<unknown>> = {};
  for (const name of names) {
    api[name] = async (request?: unknown) => unwrapEnvelope((await invoke(name, request)) as Envelope<unknown>);
  }
  return Object.freeze(api) as A;
}

/**
 * The IPC boundary, without Electron: look the channel up in the contract, parse the request with its
 * schema, run the handler, answer with an envelope. Electron's ipcMain (see register.ts) and the browser
 * test bridge both call this, so what the tests exercise is what the app runs.
 */
import { channels, type Channel, type RequestOf, type ResponseOf } from '../../shared/ipc/contract';
import type { Envelope } from '../../shared/ipc/envelope';

export type Handlers = { [C in Channel]: (request: RequestOf<C>) => Promise<ResponseOf<C>> | ResponseOf<C> };

export type Dispatch = (channel: string, request: unknown) => Promise<Envelope<unknown>>;

export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(channels, name);
}

/**
 * The schema's verdict, or undefined when the value breaks the schema's own checks (found by
 * test/security/ipc-fuzz.test.ts: an object posing as a Uint8Array throws inside a refinement).
 */
function parseRequest(channel: Channel, request: unknown) {
  try {
    return channels[channel].request.safeParse(request);
  } catch {
    return undefined;
  }
}

export function createDispatcher(handlers: Handlers, log: (message: string) => void = () => {}): Dispatch {
  return async (channel, request) => {
    if (typeof channel !== 'string' || !isChannel(channel)) {
      const name = typeof channel === 'string' ? channel.slice(0, 80) : typeof channel;
      return { ok: false, error: { message: `Unknown request "${name}".` } };
    }
    const parsed = parseRequest(channel, request);
    if (!parsed) return { ok: false, error: { message: `Invalid ${channel} request: malformed.` } };
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first && first.path.length > 0 ? ` (field ${first.path.join('.')})` : '';
      return { ok: false, error: { message: `Invalid ${channel} request${where}: ${first?.message ?? 'malformed'}.` } };
    }
    try {
      const handler = handlers[channel] as (r: unknown) => unknown;
      return { ok: true, value: await handler(parsed.data) };
    } catch (err) {
      // Handlers throw Errors whose messages are written for the admin; anything else is a bug, logged in full.
      const message = err instanceof Error ? err.message : String(err);
      log(`${channel} failed: ${err instanceof Error ? (err.stack ?? message) : message}`);
      return { ok: false, error: { message } };
    }
  };
}

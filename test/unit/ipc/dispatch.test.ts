import { describe, expect, it, vi } from 'vitest';
import { createDispatcher, type Handlers } from '../../../src/main/ipc/dispatch';
import { CHANNEL_NAMES } from '../../../src/shared/ipc/channel-names';
import { channels } from '../../../src/shared/ipc/contract';
import { buildBridge, unwrapEnvelope } from '../../../src/shared/ipc/envelope';

function handlersWith(overrides: Partial<Handlers>): Handlers {
  const fail = () => {
    throw new Error('not under test');
  };
  const all = Object.fromEntries(CHANNEL_NAMES.map((c) => [c, fail])) as unknown as Handlers;
  return { ...all, ...overrides };
}

describe('IPC contract', () => {
  it('lists the same channels in the preload name list and the schema table', () => {
    expect([...CHANNEL_NAMES].sort()).toEqual(Object.keys(channels).sort());
  });
});

describe('createDispatcher', () => {
  it('runs the handler with the parsed request and wraps the answer', async () => {
    const positionsGet = vi.fn(async ({ key }: { key: string }) => ({ [key]: { x: 1, y: 2 } }));
    const dispatch = createDispatcher(handlersWith({ 'positions.get': positionsGet }));
    const envelope = await dispatch('positions.get', { key: 'k1' });
    expect(envelope).toEqual({ ok: true, value: { k1: { x: 1, y: 2 } } });
    expect(positionsGet).toHaveBeenCalledWith({ key: 'k1' });
  });

  it('refuses an unknown channel without calling anything', async () => {
    const dispatch = createDispatcher(handlersWith({}));
    const envelope = await dispatch('shell.run', { command: 'Remove-Item C:\\' });
    expect(envelope.ok).toBe(false);
    expect(!envelope.ok && envelope.error.message).toMatch(/Unknown request "shell.run"/);
  });

  it('refuses a malformed request and names the field', async () => {
    const openPath = vi.fn();
    const dispatch = createDispatcher(handlersWith({ 'topology.openPath': openPath }));
    const envelope = await dispatch('topology.openPath', { path: 42 });
    expect(envelope.ok).toBe(false);
    expect(!envelope.ok && envelope.error.message).toMatch(/Invalid topology\.openPath request \(field path\)/);
    expect(openPath).not.toHaveBeenCalled();
  });

  it('refuses a payload on a channel that takes none', async () => {
    const dispatch = createDispatcher(handlersWith({ 'topology.openDemo': vi.fn() }));
    expect((await dispatch('topology.openDemo', { evil: true })).ok).toBe(false);
  });

  it("turns a handler's error into a readable message, without the stack", async () => {
    const log = vi.fn();
    const dispatch = createDispatcher(
      handlersWith({
        'topology.openPath': () => {
          throw new Error('topo.xml:3:7: unclosed tag');
        },
      }),
      log,
    );
    const envelope = await dispatch('topology.openPath', { path: '/x/topo.xml' });
    expect(envelope).toEqual({ ok: false, error: { message: 'topo.xml:3:7: unclosed tag' } });
    expect(log).toHaveBeenCalledOnce();
  });
});

describe('the bridge', () => {
  it('exposes one function per channel that unwraps answers and rejects with the message', async () => {
    const api = buildBridge<Record<string, (r?: unknown) => Promise<unknown>>>(['a', 'b'], async (channel) =>
      channel === 'a' ? { ok: true, value: 7 } : { ok: false, error: { message: 'nope' } },
    );
    expect(Object.keys(api)).toEqual(['a', 'b']);
    await expect(api.a!()).resolves.toBe(7);
    await expect(api.b!()).rejects.toThrow('nope');
    expect(() => unwrapEnvelope(undefined as never)).toThrow(/No answer/);
  });
});

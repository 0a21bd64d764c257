/**
 * IPC fuzzing: random and malformed requests on every channel of the contract, through the same
 * createDispatcher + createHandlers the app registers on ipcMain (scripted dialogs and a temporary
 * AppData, as in the browser harness). Whatever a compromised or buggy renderer sends, main answers
 * with an envelope, rejects what the schema rejects with a readable message (no stack, no echo of a
 * password it was sent), keeps running, leaves Object.prototype alone, and writes only inside the
 * test's temporary folders. Seeded: POOLPILOT_FUZZ_SEED=<n> replays a run.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// Every path main writes to, whichever fs API it uses: recorded before the call goes through.
const written = vi.hoisted(() => [] as string[]);
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const note = (...paths: unknown[]) => paths.forEach((p) => written.push(String(p)));
  const wrapped = {
    ...real,
    open: ((path, flags, ...rest) => {
      if (typeof flags === 'string' ? /[wax+]/.test(flags) : typeof flags === 'number' && flags !== 0) note(path);
      return real.open(path, flags, ...rest);
    }) as typeof real.open,
    writeFile: ((path, ...rest) => (note(path), real.writeFile(path, ...rest))) as typeof real.writeFile,
    appendFile: ((path, ...rest) => (note(path), real.appendFile(path, ...rest))) as typeof real.appendFile,
    mkdir: ((path, ...rest) => (note(path), real.mkdir(path, ...rest))) as typeof real.mkdir,
    rename: ((from, to) => (note(from, to), real.rename(from, to))) as typeof real.rename,
    unlink: ((path) => (note(path), real.unlink(path))) as typeof real.unlink,
    rm: ((path, ...rest) => (note(path), real.rm(path, ...rest))) as typeof real.rm,
    copyFile: ((from, to, ...rest) => (note(to), real.copyFile(from, to, ...rest))) as typeof real.copyFile,
    cp: ((from, to, ...rest) => (note(to), real.cp(from, to, ...rest))) as typeof real.cp,
    symlink: ((target, path, ...rest) => (note(path), real.symlink(target, path, ...rest))) as typeof real.symlink,
  };
  return { ...wrapped, default: wrapped };
});
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const promises = await import('node:fs/promises');
  const note = (...paths: unknown[]) => paths.forEach((p) => written.push(String(p)));
  const wrapped = {
    ...real,
    promises,
    writeFileSync: ((path, ...rest) => (note(path), real.writeFileSync(path, ...rest))) as typeof real.writeFileSync,
    appendFileSync: ((path, ...rest) => (note(path), real.appendFileSync(path, ...rest))) as typeof real.appendFileSync,
    mkdirSync: ((path, ...rest) => (note(path), real.mkdirSync(path, ...rest))) as typeof real.mkdirSync,
    renameSync: ((from, to) => (note(from, to), real.renameSync(from, to))) as typeof real.renameSync,
    unlinkSync: ((path) => (note(path), real.unlinkSync(path))) as typeof real.unlinkSync,
    rmSync: ((path, ...rest) => (note(path), real.rmSync(path, ...rest))) as typeof real.rmSync,
    copyFileSync: ((from, to, ...rest) => (note(to), real.copyFileSync(from, to, ...rest))) as typeof real.copyFileSync,
    createWriteStream: ((path, ...rest) => (note(path), real.createWriteStream(path, ...rest))) as typeof real.createWriteStream,
  };
  return { ...wrapped, default: wrapped };
});

import { copyFileSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { AppData } from '../../src/main/services/app-data';
import { SnapshotStore } from '../../src/main/services/snapshot-store';
import { DiscoveryService } from '../../src/main/discovery/discovery-service';
import { notRunOutcome } from '../../src/main/powershell/records';
import { EncryptedFileCredentialStore } from '../../src/main/powershell/credentials';
import { RunService } from '../../src/main/run/run-service';
import { openSession } from '../../src/main/run/connect';
import { IN_PROCESS_LAB } from '../support/lab-sessions';
import { planSteps } from '../../src/main/run/plan-steps';
import { fakeCipher } from '../support/fake-cipher';
import { createHandlers } from '../../src/main/ipc/handlers';
import { createDispatcher, type Dispatch } from '../../src/main/ipc/dispatch';
import { channels, CHANNEL_NAMES, PLAN_EXPORT_FORMATS, type Channel } from '../../src/shared/ipc/contract';
import { demoDeployment } from '../../src/shared/demo/demo';
import { emptyScenario } from '../../src/shared/scenario/edit';
import { ScriptedDialogs } from '../support/renderer-host';
import { findSecret } from './secret-scan';
import { seededRandom } from '../support/seeded-random';

const SEED = Number(process.env.POOLPILOT_FUZZ_SEED ?? 20261124);
const ROUNDS_PER_CHANNEL = 250;
const CALL_TIMEOUT_MS = 10_000;
/** A password a renderer might put in a request; it must never come back in a rejection or a log line. */
const CANARY = 'Canary-Pa55w0rd-7f3e';
const FIXTURES = resolve(__dirname, '../../../shared/fixtures/topologies/public');

type Random = ReturnType<typeof seededRandom>;
const pick = <T>(rand: Random, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;

const NASTY_STRINGS = [
  '',
  ' ',
  CANARY,
  '../../../../etc/passwd',
  '..\\..\\..\\Windows\\System32\\drivers\\etc\\hosts',
  '\\\\attacker.example\\share\\topology.xml',
  'C:\\Windows\\System32\\config\\SAM',
  'file:///etc/passwd',
  'con',
  'x'.repeat(5000),
  'a\u0000b',
  '\u202e\u0645\u{1f4a5}',
  '__proto__',
  'constructor',
  '$(Remove-Item C:\\ -Recurse)',
  '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
  '{"format":"poolpilot.snapshot","version":999}',
  'iVBORw0KGgo=',
];

function randomString(rand: Random): string {
  if (rand() < 0.6) return pick(rand, NASTY_STRINGS);
  const length = Math.floor(rand() * 40);
  return Array.from({ length }, () => String.fromCharCode(Math.floor(rand() * 0x3000))).join('');
}

function randomValue(rand: Random, depth = 0): unknown {
  const kind = Math.floor(rand() * (depth > 3 ? 8 : 11));
  switch (kind) {
    case 0:
      return undefined;
    case 1:
      return null;
    case 2:
      return rand() < 0.5;
    case 3:
      return pick(rand, [0, -0, 1, -1, 1.5, 2 ** 53, -(2 ** 63), NaN, Infinity, -Infinity, 1e308]);
    case 4:
    case 5:
      return randomString(rand);
    case 6:
      return new Uint8Array(Array.from({ length: Math.floor(rand() * 64) }, () => Math.floor(rand() * 256)));
    case 7:
      return pick(rand, [[], {}, Object.create(null), JSON.parse('{"__proto__":{"polluted":true}}'), { constructor: { prototype: { polluted: true } } }]);
    case 8:
      return Array.from({ length: Math.floor(rand() * 5) }, () => randomValue(rand, depth + 1));
    default: {
      const obj: Record<string, unknown> = {};
      for (let i = Math.floor(rand() * 5); i > 0; i--) obj[pick(rand, ['path', 'key', 'data', 'fileName', 'deployment', 'positions', 'pngBase64', '__proto__', 'x', randomString(rand)])] = randomValue(rand, depth + 1);
      return obj;
    }
  }
}

/** Replaces, deletes or adds one field somewhere inside a valid request. */
function mutate(rand: Random, value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array || depth > 6 || rand() < 0.25) {
    return randomValue(rand);
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return [randomValue(rand)];
    const copy = [...value];
    const i = Math.floor(rand() * copy.length);
    copy[i] = mutate(rand, copy[i], depth + 1);
    return copy;
  }
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  const keys = Object.keys(copy);
  const roll = rand();
  if (roll < 0.15 || keys.length === 0) copy[pick(rand, ['extra', '__proto__', 'constructor', randomString(rand)])] = randomValue(rand);
  else if (roll < 0.3) delete copy[pick(rand, keys)];
  else {
    const key = pick(rand, keys);
    copy[key] = mutate(rand, copy[key], depth + 1);
  }
  return copy;
}

/** A short, readable description of a payload for failure messages. */
function show(value: unknown): string {
  try {
    const text = JSON.stringify(value, (_k, v) =>
      ArrayBuffer.isView(v) ? `<${v.byteLength} bytes>` : typeof v === 'number' && !Number.isFinite(v) ? String(v) : v,
    );
    return (text ?? typeof value).slice(0, 300);
  } catch {
    // Mutation can set __proto__ to a typed array: an object that even JSON.stringify chokes on.
    return `<unprintable ${Object.prototype.toString.call(value)}>`;
  }
}

let dataDir: string;
let workDir: string;
let dispatch: Dispatch;
let runs: RunService;
const logged: string[] = [];
const dialogs = new ScriptedDialogs();
let valid: Partial<Record<Channel, unknown>>;

beforeAll(() => {
  dataDir = realpathSync(mkdtempSync(join(tmpdir(), 'poolpilot-fuzz-data-')));
  workDir = realpathSync(mkdtempSync(join(tmpdir(), 'poolpilot-fuzz-work-')));
  const topology = join(workDir, 'topology.tbxml');
  copyFileSync(join(FIXTURES, 'AutomatedLab__SfBAutomatedLab__Contoso.tbxml'), topology);
  dialogs.openPath = topology;
  dialogs.savePath = join(workDir, 'saved.poolpilot');
  const snapshots = new SnapshotStore(dataDir);
  // No PowerShell here: a discovery the fuzzer starts cannot connect, ends at once and keeps nothing.
  const openJobs = () => ({ run: async () => notRunOutcome('no PowerShell in the fuzz test', 0), dispose: async () => undefined });
  // A lab run the fuzzer starts runs in this process (no shell to outlive the test) and waits at its
  // first confirmation; live runs cannot connect. Disposed after the tests.
  runs = new RunService({
    runsDir: join(dataDir, 'runs'),
    emit: () => undefined,
    openJobs: (connection, o) => (connection.kind === 'lab' ? openSession(connection, { ...o, lab: IN_PROCESS_LAB }) : openJobs()),
  });
  const credentials = new EncryptedFileCredentialStore(join(dataDir, 'credentials.json'), fakeCipher);
  dispatch = createDispatcher(
    createHandlers({ emit: () => undefined,
      labRunner: Promise.resolve(IN_PROCESS_LAB),
      discovery: new DiscoveryService({ store: snapshots, emit: () => undefined, openJobs, workRoot: dataDir }),
      snapshots,
      collectorPath: resolve(__dirname, '../../resources/ps/collector.ps1'),
      runs,
      credentials,
      appData: new AppData(dataDir),
      dialogs,
      info: { version: 'fuzz', defaultEnvironment: 'lab', versions: {} },
    }),
    (message) => logged.push(message),
  );
  const deployment = demoDeployment(new Date('2026-11-24T09:31:00Z'));
  // Valid requests the mutations start from (a channel without one gets random requests only).
  valid = {
    'topology.openPath': { path: topology },
    'topology.openBytes': { fileName: 'topology.tbxml', path: topology, data: new Uint8Array(readFileSync(topology)) },
    'snapshot.save': { deployment, positions: { 'pool:a': { x: 1, y: 2 } }, scenario: emptyScenario() },
    'positions.get': { key: 'pools-0123456789abcdef' },
    'positions.save': { key: 'pools-0123456789abcdef', positions: { 'pool:a': { x: 1, y: 2 } } },
    'plan.export': { deployment, scenario: emptyScenario(), format: PLAN_EXPORT_FORMATS[0] },
    'discovery.start': { environment: { kind: 'lab' }, deployment },
    'snapshots.read': { path: join(dataDir, 'snapshots', 'kept.poolpilot') },
    'run.start': { deployment, scenario: { down: [{ kind: 'pool', fqdn: 'pool1.contoso.com' }], changes: [{ kind: 'failoverPool', pool: 'pool1.contoso.com' }], applied: 1 }, mode: 'run', confirmAll: false, environment: { kind: 'lab' } },
    'run.respond': { runId: '2026-11-24T09-31-00-000Z-abcdef', stepId: 'reassignNextHop:edgepool1.contoso.com/set-edge-server', answer: { kind: 'confirm', run: false } },
    'run.stop': { runId: '2026-11-24T09-31-00-000Z-abcdef' },
    'run.resume': { runId: '2026-11-24T09-31-00-000Z-abcdef' },
    'run.exportReport': { runId: '2026-11-24T09-31-00-000Z-abcdef', format: 'html' },
    'credentials.save': { endpoint: 'fe03.contoso.com', userName: 'CONTOSO\\admin', password: CANARY },
    'credentials.get': { endpoint: 'fe03.contoso.com' },
    'credentials.forget': { endpoint: 'fe03.contoso.com' },
    'diagram.export': { deployment, format: 'svg', positions: { 'pool1.contoso.com': { x: 1, y: 2 } }, scenario: emptyScenario() },
    'graph.exportPng': { pngBase64: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==' },
  };
  written.length = 0;
});

afterAll(async () => {
  await runs.dispose();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(workDir, { recursive: true, force: true });
});

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer within ${CALL_TIMEOUT_MS} ms`)), CALL_TIMEOUT_MS)),
  ]);
}

const insideTemp = (path: string) => [dataDir, workDir].some((root) => resolve(path) === root || resolve(path).startsWith(root + sep));

describe(`IPC fuzzing (seed ${SEED}; replay with POOLPILOT_FUZZ_SEED=${SEED})`, () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeAll(() => void process.on('unhandledRejection', onUnhandled));
  afterAll(() => void process.off('unhandledRejection', onUnhandled));

  it.each(CHANNEL_NAMES.map((c) => [c]))('%s: every request gets an envelope; whatever the schema rejects is refused with a readable message', async (channel) => {
    const rand = seededRandom(SEED ^ [...channel].reduce((h, ch) => Math.imul(h, 31) + ch.charCodeAt(0), 7));
    const schema = channels[channel as Channel].request;
    // As dispatch treats it: a value that makes the schema itself throw is rejected too.
    const schemaRejects = (payload: unknown) => {
      try {
        return !schema.safeParse(payload).success;
      } catch {
        return true;
      }
    };
    let rejected = 0;
    for (let round = 0; round < ROUNDS_PER_CHANNEL; round++) {
      const base = valid[channel as Channel];
      const payload = base !== undefined && rand() < 0.6 ? mutate(rand, base) : randomValue(rand);
      const where = `${channel} round ${round} (seed ${SEED}) with ${show(payload)}`;
      const envelope = await withTimeout(dispatch(channel, payload), where);
      expect(envelope && typeof envelope === 'object' && typeof envelope.ok === 'boolean', where).toBe(true);
      if (envelope.ok) {
        expect(schemaRejects(payload), `${where}: accepted a request its schema rejects`).toBe(false);
        continue;
      }
      const message = envelope.error.message;
      expect(typeof message === 'string' && message.length > 0 && message.length < 2000, where).toBe(true);
      expect(message, where).not.toMatch(/\n\s+at /);
      if (schemaRejects(payload)) {
        rejected++;
        expect(message, where).toMatch(new RegExp(`^Invalid ${channel.replace('.', '\\.')} request`));
        expect(findSecret(CANARY, { texts: { message } }), where).toEqual([]);
      }
    }
    // The fuzzer must actually reach the schema: a generator that only made valid requests would prove nothing.
    expect(rejected).toBeGreaterThan(ROUNDS_PER_CHANNEL / 4);
  });

  it('started a lab run from a request it sent, which went no further than its first confirmation', () => {
    const run = runs.current();
    expect(run).toMatchObject({ status: 'running', prompt: { kind: 'confirm' } });
    const changing = new Set(planSteps(run!.plan).flatMap((s) => (s.kind === 'command' && s.effect === 'changes' ? [s.id] : [])));
    expect(run!.steps.filter((s) => changing.has(s.id))).toEqual([]);
  });

  it('unknown channels, prototype names and non-string channels are refused', async () => {
    const rand = seededRandom(SEED);
    const names: unknown[] = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '', 'app.info ', 'APP.INFO', 'app', 42, null, undefined, {}, Object.create(null), ['app.info']];
    for (let i = 0; i < 50; i++) names.push(randomString(rand));
    for (const name of names) {
      const envelope = await dispatch(name as string, randomValue(rand));
      expect(envelope, show(name)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^Unknown request/) } });
    }
  });

  it('leaves the process healthy: no unhandled rejection, Object.prototype untouched, still answering', async () => {
    expect(unhandled).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(await dispatch('app.info', undefined)).toMatchObject({ ok: true, value: { version: 'fuzz' } });
  });

  it('wrote only inside its temporary folders, and did write there (the recorder sees writes)', async () => {
    await dispatch('snapshot.save', valid['snapshot.save']);
    expect(written.filter((p) => p.includes('saved.poolpilot')).length).toBeGreaterThan(0);
    expect(written.filter((p) => !insideTemp(p))).toEqual([]);
  });

  it('logged nothing that carries a password it was sent', () => {
    expect(findSecret(CANARY, { texts: Object.fromEntries(logged.map((line, i) => [`log line ${i}`, line])) })).toEqual([]);
  });
});

/**
 * The lab engine behind a local pipe, for the PowerShell lab module (resources/ps/PoolPilotLab):
 * real pwsh binds each cmdlet's parameters as PowerShell does — parameter sets, mandatory
 * parameters, types, -WhatIf — and the module forwards the bound call here, so the deployment,
 * its faults and its state file stay the TypeScript lab's (one source of truth, engine.ts).
 *
 * The pipe is a Unix socket on Linux and macOS and a named pipe on Windows: what .NET's
 * NamedPipeClientStream reaches with the same name (a rooted path on Unix, the name after
 * `\\.\pipe\` on Windows). One request per connection, one JSON line each way:
 *
 *   {"op":"parameters","cmdlet":C}                → {"parameters":[…]}
 *   {"op":"reach","target":T,"credential"?}       → {"error"?}
 *   {"op":"connect","endpoint":E,"credential"?}   → {"answer":{events,error?}}
 *   {"op":"cmdlet","cmdlet":C,"parameters":{…},"switches":[…],"whatIf":b,"target"?,"connected"?,"credential"?}
 *                                                 → {"answer":{events,error?},"after"?}
 *
 * A request that is not one of these is answered with an error naming the field; a `hang` fault
 * answers nothing and leaves the connection open, as a stuck cmdlet would.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { ALLOWED_CMDLETS, JobError, validateJob, type AllowedCmdlet, type Job } from '../main/powershell/job';
import type { LabEngine } from './engine';

/** A fresh pipe path: a named pipe on Windows, a socket file in the temp folder elsewhere. */
export function newLabPipePath(platform: NodeJS.Platform = process.platform): string {
  const name = `poolpilot-lab-${randomBytes(6).toString('hex')}`;
  return platform === 'win32' ? `\\\\.\\pipe\\${name}` : join(tmpdir(), `${name}.sock`);
}

const credential = z.strictObject({ user: z.string().min(1).max(512), password: z.string().max(4096) }).optional();
const cmdlet = z.enum(ALLOWED_CMDLETS as [AllowedCmdlet, ...AllowedCmdlet[]]);
const host = z.string().min(1).max(253);
const request = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('parameters'), cmdlet }),
  z.strictObject({ op: z.literal('reach'), target: host, credential }),
  z.strictObject({ op: z.literal('connect'), endpoint: host, credential }),
  z.strictObject({
    op: z.literal('cmdlet'),
    cmdlet,
    parameters: z.record(z.string(), z.union([z.string(), z.array(z.string()), z.null()])),
    switches: z.array(z.string()),
    whatIf: z.boolean(),
    target: host.optional(),
    connected: host.optional(),
    credential,
  }),
]);
type Request = z.infer<typeof request>;

/** Longest request line accepted: a topology-sized value never travels this way. */
const MAX_LINE = 1 << 20;

async function answer(engine: LabEngine, req: Request): Promise<unknown> {
  switch (req.op) {
    case 'parameters':
      return { parameters: engine.parameters(req.cmdlet) };
    case 'reach': {
      const error = engine.reach(req.target, req.credential);
      return error ? { error } : {};
    }
    case 'connect':
      return { answer: await engine.connect(req.endpoint, req.credential) };
    case 'cmdlet': {
      const job: Job = {
        kind: 'cmdlet',
        cmdlet: req.cmdlet,
        parameters: req.parameters,
        switches: req.switches,
        whatIf: req.whatIf,
        ...(req.target !== undefined ? { target: req.target } : {}),
      };
      try {
        validateJob(job);
      } catch (err) {
        if (!(err instanceof JobError)) throw err;
        // What a real cmdlet does with a value it cannot take: it refuses before doing anything.
        return { answer: { events: [], error: { message: err.message, errorId: `InvalidArgument,${req.cmdlet}`, category: 'InvalidArgument' } } };
      }
      return engine.run(job, req.credential, req.connected);
    }
  }
}

function serve(engine: LabEngine, socket: Socket): void {
  let buffered = '';
  let done = false;
  const reply = (value: unknown) => {
    done = true;
    socket.end(`${JSON.stringify(value)}\n`);
  };
  socket.setEncoding('utf8');
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk: string) => {
    if (done) return;
    buffered += chunk;
    const end = buffered.indexOf('\n');
    if (end < 0) {
      if (buffered.length > MAX_LINE) reply({ protocolError: `a request line is longer than ${MAX_LINE} characters` });
      return;
    }
    done = true;
    let parsed: Request;
    try {
      const result = request.safeParse(JSON.parse(buffered.slice(0, end)));
      if (!result.success) {
        const issue = result.error.issues[0]!;
        reply({ protocolError: `the request is not one the lab engine answers: ${issue.path.join('.') || '(request)'}: ${issue.message}` });
        return;
      }
      parsed = result.data;
    } catch {
      reply({ protocolError: 'the request is not JSON' });
      return;
    }
    answer(engine, parsed).then(
      (value) => {
        const after = (value as { after?: { kind: string } }).after;
        // A stuck cmdlet answers nothing: the connection stays open until the shell is killed.
        if (after?.kind !== 'hang') reply(value);
      },
      (err: unknown) => reply({ protocolError: `the lab engine failed: ${err instanceof Error ? err.message : String(err)}` }),
    );
  });
}

export interface LabEngineServer {
  /** What POOLPILOT_LAB_PIPE must say for the module to reach this engine. */
  readonly path: string;
  /** When a shell last connected (Date.now()), or when serving began. */
  lastConnection(): number;
  close(): Promise<void>;
}

/** Serves `engine` on `path` (a fresh one by default) until closed. */
export async function serveLabEngine(engine: LabEngine, path: string = newLabPipePath()): Promise<LabEngineServer> {
  const sockets = new Set<Socket>();
  let last = Date.now();
  const server: Server = createServer((socket) => {
    last = Date.now();
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    serve(engine, socket);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    path,
    lastConnection: () => last,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (process.platform !== 'win32') await rm(path, { force: true });
    },
  };
}

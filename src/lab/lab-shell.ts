/**
 * The lab as an executable that stands in for powershell.exe: node-powershell spawns it and speaks
 * its stdin protocol (powershell.md). Per invoke it writes
 *   [Console]::Error.WriteLine("<delimiter>")   [Console]::Out.WriteLine("<delimiter>")
 *   <the command line>
 *   the two delimiter lines again
 * and reads both streams until each delimiter has appeared twice. The lab answers delimiter lines
 * by writing the delimiter, the session's setup line by doing nothing (there is no console to set
 * up), and a command line only when it is exactly the PoolPilot job script with a well-formed
 * payload (job-script.ts, payload.ts): it answers with the same JSON records the script writes.
 * Any other line is refused on stderr, so an injection attempt fails loudly.
 *
 * Lines run one at a time, in order, as in PowerShell. The jobs themselves — state, faults, the
 * state file saved before each answer — are the engine's (engine.ts). Settings: config.ts.
 */
import { createInterface } from 'node:readline';
import { payloadOfCommandLine, SETUP_LINE } from '../main/powershell/job-script';
import { decodePayload, jobOfPayload, PayloadError } from '../main/powershell/payload';
import { formatRecord, type JobRecord } from '../main/powershell/records';
import { labConfigOfEnv, parseLabConfig } from './config';
import { LabEngine } from './engine';
import { serveLabEngine } from './engine-server';
import { answerRecords } from './state-machine';
import { loadLabState } from './state-file';

const DELIMITER_LINE = /^\[Console\]::(Error|Out)\.WriteLine\("([0-9A-Za-z]{16})"\)$/;

class LabShell {
  private queue: string[] = [];
  private busy = false;
  /** A `hang` fault struck: like a stuck cmdlet, nothing more is read. */
  private hung = false;
  /** stdin closed: exit once the lines read are done. */
  private ending = false;

  constructor(private readonly engine: LabEngine) {}

  push(line: string): void {
    this.queue.push(line);
    if (!this.busy) void this.drain();
  }

  private async drain(): Promise<void> {
    this.busy = true;
    try {
      while (this.queue.length > 0 && !this.hung) await this.line(this.queue.shift()!.replace(/\r$/, ''));
    } catch (err) {
      process.stderr.write(`PoolPilot lab: ${(err as Error).message}\n`);
      process.exit(70);
    } finally {
      this.busy = false;
    }
    if (this.ending && !this.hung) process.exit(0);
  }

  /** PowerShell ends when its stdin closes, after the lines it read; so does the lab (unless hung, as PowerShell would be). */
  end(): void {
    this.ending = true;
    if (!this.busy && !this.hung) process.exit(0);
  }

  private async line(line: string): Promise<void> {
    const delimiter = DELIMITER_LINE.exec(line);
    if (delimiter) {
      (delimiter[1] === 'Error' ? process.stderr : process.stdout).write(`${delimiter[2]}\n`);
      return;
    }
    if (line.trim() === '' || line === SETUP_LINE) return;
    const payload = payloadOfCommandLine(line);
    if (payload === undefined) {
      process.stderr.write(`PoolPilot lab: refused a line that is not the PoolPilot job script: ${JSON.stringify(line.slice(0, 120))}\n`);
      return;
    }
    await this.job(payload);
  }

  private write(records: JobRecord[]): void {
    process.stdout.write(records.map((r) => `${formatRecord(r)}\n`).join(''));
  }

  private async job(base64: string): Promise<void> {
    let payload;
    try {
      payload = decodePayload(base64);
    } catch (err) {
      if (!(err instanceof PayloadError)) throw err;
      // What the real script does with a payload it cannot read: an error record, then the end.
      this.write([{ id: '', type: 'error', message: `PoolPilot lab: ${err.message}`, errorId: 'InvalidPayload', category: 'InvalidData' }, { id: '', type: 'end' }]);
      return;
    }
    const job = jobOfPayload(payload);
    if (!job) {
      if (payload.kind === 'connect') this.write(answerRecords(await this.engine.connect(payload.endpoint, payload.credential), payload.id));
      return;
    }
    const { answer, after } = await this.engine.run(job, payload.credential);
    if (after?.kind === 'hang') {
      this.hung = true;
      return;
    }
    if (after?.kind === 'stderr') process.stderr.write(`${after.text}\n`);
    const records = answerRecords(answer, payload.id);
    if (after?.kind === 'exit') {
      // Dies mid-answer: some output, no end record, no closing delimiters.
      this.write(records.filter((r) => r.type === 'verbose').slice(0, 1));
      process.exit(3);
    }
    this.write(records);
  }
}

/** After its stdin closes, the engine serves on until no shell has called for this long. */
const LINGER_MS = 1_000;

/**
 * `--serve <pipe>`: the lab engine for the PowerShell lab module, in a process of its own (as a
 * deployment outlives the tool that drives it): serves the pipe and says `ready` on stdout. When
 * its stdin closes — the tool that started it ended, or died — it serves on while shells still
 * call (a shell whose caller died still runs the line it had read, as PowerShell does), then
 * finishes the jobs it took and exits. Settings from the environment only (config.ts).
 */
async function serveMain(pipe: string): Promise<void> {
  const config = labConfigOfEnv(process.env);
  const engine = new LabEngine(await loadLabState(config), config);
  await engine.save();
  const server = await serveLabEngine(engine, pipe);
  process.stdout.write('ready\n');
  process.stdin.on('data', () => undefined);
  process.stdin.on('end', () => {
    const linger = async (): Promise<void> => {
      await engine.idle();
      const quiet = Date.now() - server.lastConnection();
      if (quiet < LINGER_MS) return void setTimeout(() => void linger(), LINGER_MS - quiet);
      await server.close();
      process.exit(0);
    };
    void linger();
  });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--serve' && args[1] !== undefined) return serveMain(args[1]);
  const config = parseLabConfig(args, process.env);
  const engine = new LabEngine(await loadLabState(config), config);
  await engine.save();
  const shell = new LabShell(engine);
  const input = createInterface({ input: process.stdin, crlfDelay: Infinity });
  input.on('line', (line) => shell.push(line));
  input.on('close', () => shell.end());
}
main().catch((err: unknown) => {
  process.stderr.write(`PoolPilot lab: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(64);
});

/**
 * One PowerShell process, driven by node-powershell v5 — wrapped, because used as it comes it is
 * not safe for PoolPilot (powershell.md):
 *  - Its template-string helpers (the dollar-sign one and `command`) build command text without
 *    escaping: never used here. The only lines sent are the fixed setup and job script lines
 *    (job-script.ts).
 *  - It finds the closing delimiter of a first chunk only in its last 17 bytes, so a CRLF line end
 *    can hang a call: the setup line switches the console to LF (job-script.ts, SETUP_LINE).
 *  - It rejects a call whenever stderr is non-empty and then drops stdout, records included:
 *    `throwOnInvocationError: false`, and stdout and stderr are read separately.
 *  - Its `invocationTimeout` cancels nothing: not used; the session kills the process instead.
 *  - It keeps every command line sent in `history` (so credentials in connect payloads) for the
 *    life of the process, and its `debug` channel prints command lines whenever the DEBUG
 *    environment variable matches: history is emptied after every call and the debug channel
 *    replaced with no-ops.
 *  - When the process ends between calls its exit promise rejects with no handler (an unhandled
 *    rejection): a handler is attached here, and it is how this wrapper knows the process ended.
 *  - The NODE_POWERSHELL environment variable silently replaces the executable: refused.
 * Three of these need node-powershell's private members (`exitPromise`, `debuggers`); they are
 * reached in this file only, typed by ShellInternals. node-powershell has been unmaintained since
 * 2021, so they will not move under us; a new major version must be checked against this list.
 */
import { PowerShell } from 'node-powershell';

/** The private members of node-powershell's Shell this wrapper relies on (child-shell 5.0). */
interface ShellInternals {
  exitPromise: Promise<void>;
  debuggers: { comment: (...args: unknown[]) => void; command: (...args: unknown[]) => void; output: (...args: unknown[]) => void };
}

export interface ShellProcessOptions {
  executable: string;
  env?: NodeJS.ProcessEnv;
}

export class ShellStartError extends Error {
  override readonly name = 'ShellStartError';
}

/** The process ended while a call was running. */
export class ShellExitedError extends Error {
  override readonly name = 'ShellExitedError';
}

const noop = () => undefined;

/**
 * How the process ended, readably: node-powershell's error says "Shell process 123 exited." and then
 * the message of what it caught — the text "undefined" when it caught nothing, as when the process
 * simply exits — so the exit code or signal it carries is used instead.
 */
function exitReason(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const { exitCode, signalCode, originalError } = err as Error & { exitCode?: number | null; signalCode?: string | null; originalError?: unknown };
  if (exitCode === undefined && signalCode === undefined) return err.message.trim();
  const how = signalCode ? `was killed (${signalCode})` : typeof exitCode === 'number' ? `exited with code ${exitCode}` : 'exited';
  const said = originalError instanceof Error ? originalError.message.trim() : '';
  return `the shell process ${how}${said ? `: ${said}` : ''}`;
}

export class ShellProcess {
  private readonly shell: PowerShell;
  private ended: string | undefined;
  /** Settles (never rejects) when the process has ended, with why. */
  readonly exited: Promise<string>;

  constructor(options: ShellProcessOptions) {
    const override = process.env.NODE_POWERSHELL;
    if (override !== undefined && override !== '' && override !== options.executable)
      throw new ShellStartError(`the NODE_POWERSHELL environment variable names another PowerShell (${override}); unset it so PoolPilot runs ${options.executable}`);
    this.shell = new PowerShell({
      executable: options.executable,
      executableOptions: {
        '-NoProfile': true,
        '-NonInteractive': true,
        // Import-PSSession writes its proxy commands as a temporary script module: a local script,
        // which the client default (Restricted) refuses to load. Group Policy still has the last word.
        '-ExecutionPolicy': 'RemoteSigned',
      },
      // TERM=dumb: pwsh on Linux and macOS otherwise writes terminal control sequences (cursor-key
      // mode) into stdout before each line it reads; records.ts strips them too, for a shell that ignores it.
      spawnOptions: { env: { ...(options.env ?? process.env), TERM: 'dumb' }, windowsHide: true },
      throwOnInvocationError: false,
      invocationTimeout: 0,
    });
    const internals = this.shell as unknown as ShellInternals;
    internals.debuggers = { comment: noop, command: noop, output: noop };
    this.exited = internals.exitPromise.then(
      () => 'the shell exited',
      (err: unknown) => exitReason(err),
    );
    void this.exited.then((reason) => {
      this.ended = reason;
    });
  }

  get alive(): boolean {
    return this.ended === undefined;
  }

  /**
   * Sends one line and returns what the process wrote to stdout and stderr for it. Throws
   * ShellExitedError when the process ended before answering.
   */
  async invoke(line: string): Promise<{ stdout: string; stderr: string }> {
    if (!this.alive) throw new ShellExitedError(this.ended!);
    try {
      const result = await this.shell.invoke(line);
      // node-powershell leaves stdout unset when the process ended during the call.
      if (result.stdout === undefined) throw new ShellExitedError(this.ended ?? 'the shell exited');
      return { stdout: result.stdout.toString('utf8'), stderr: result.stderr?.toString('utf8') ?? '' };
    } catch (err) {
      if (err instanceof ShellExitedError) throw err;
      throw new ShellExitedError(exitReason(err));
    } finally {
      // The command lines sent (connect payloads carry credentials) must not stay in memory.
      this.shell.history.length = 0;
    }
  }

  /**
   * Ends the process (TerminateProcess on Windows; SIGTERM, then SIGKILL after `graceMs`,
   * elsewhere). Resolves once it has gone.
   */
  async kill(graceMs = 3000): Promise<void> {
    if (!this.alive) return;
    void this.shell.dispose('SIGTERM').catch(noop);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((done) => (timer = setTimeout(done, graceMs, 'late')));
    const first = await Promise.race([this.exited, late]);
    clearTimeout(timer);
    if (first === 'late') {
      void this.shell.dispose('SIGKILL').catch(noop);
      await this.exited;
    }
  }
}

/**
 * The shape every `poolpilot <command>` module exports, and the argument parsing they share.
 * A command prints through `io` and throws to fail: an Error for "could not do it" (exit 1), a
 * UsageError for "asked wrongly" (exit 2). main.ts turns either into one line on stderr.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export interface CliCommand {
  name: string;
  /** One line for `poolpilot help`. */
  summary: string;
  /** Full usage text for `poolpilot help <command>` and `<command> --help`. */
  usage: string;
  /** Resolves to the exit code, or nothing for 0. */
  run(args: string[], io: CliIo): Promise<number | void>;
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs, strict, with its errors turned into UsageErrors that name the command. */
export function parseCommandArgs<O extends Options>(command: string, args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    if (!code.startsWith('ERR_PARSE_ARGS')) throw err;
    // Node's messages run on with advice about '--'; the first sentence is the useful part.
    const first = (err as Error).message.split(/\.\s/)[0]!.replace(/\.$/, '');
    throw new UsageError(`${command}: ${first}`);
  }
}

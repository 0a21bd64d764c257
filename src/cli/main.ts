/**
 * `poolpilot`: the headless command line. Dispatches `poolpilot <command> …` to the modules in
 * ./commands (one per command; add new ones to COMMANDS). Exit codes: 0 done, 1 failed (the file
 * could not be read, …), 2 asked wrongly (unknown command or option). Failures print exactly one
 * line on stderr, so scripts can log it and admins can read it.
 */
import { version } from '../../package.json';
import { UsageError, type CliCommand, type CliIo } from './command';
import { checkCommand } from './commands/check';
import { diffCommand } from './commands/diff';
import { discoverCommand } from './commands/discover';
import { exportCommand } from './commands/export';
import { inspectCommand } from './commands/inspect';
import { planCommand } from './commands/plan';
import { resumeCommand } from './commands/resume';
import { runCommand } from './commands/run';
import { synthCommand } from './commands/synth';

const COMMANDS: readonly CliCommand[] = [inspectCommand, checkCommand, planCommand, runCommand, resumeCommand, discoverCommand, diffCommand, synthCommand, exportCommand];

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    `PoolPilot ${version}: Skype for Business Server / Lync Server 2013 topology and failover tool`,
    '',
    'usage: poolpilot <command> [options]',
    '',
    'commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run 'poolpilot help <command>' for a command's options.",
    '',
  ].join('\n');
}

function find(name: string): CliCommand {
  const command = COMMANDS.find((c) => c.name === name);
  if (!command)
    throw new UsageError(`unknown command "${name}"; commands: ${COMMANDS.map((c) => c.name).join(', ')} (see 'poolpilot help')`);
  return command;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  try {
    if (name === undefined) throw new UsageError("no command given; run 'poolpilot help' for the list");
    if (name === '--version' || name === '-v') {
      io.out(`${version}\n`);
      return 0;
    }
    if (name === 'help' || name === '--help' || name === '-h') {
      io.out(args[0] === undefined ? overview() : `${find(args[0]).usage}\n`);
      return 0;
    }
    const command = find(name);
    if (args.includes('--help') || args.includes('-h')) {
      io.out(`${command.usage}\n`);
      return 0;
    }
    return (await command.run(args, io)) ?? 0;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    io.err(`poolpilot: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
    return err instanceof UsageError ? 2 : 1;
  }
}

const io: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

// `poolpilot inspect x --json | head` closes the pipe early: that is the reader's choice, not a failure.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

// exitCode rather than process.exit(): a large --json output piped elsewhere must finish flushing.
void runCli(process.argv.slice(2), io).then((code) => {
  process.exitCode = code;
});

/**
 * The lab a CLI command runs on: real PowerShell with the lab module when this machine has one,
 * else the lab in this process (connect.ts findLabRunner). Said first on stdout, so whoever reads
 * the transcript knows whether PowerShell itself ran the commands.
 */
import { findLabExecutable, findLabRunner, labRunnerLabel, type LabRunner } from '../main/run/connect';
import type { CliIo } from './command';

export async function cliLabRunner(io: CliIo, command: string): Promise<LabRunner> {
  // In a checkout, the engine runs as its own process, which outlives a killed CLI as a deployment would.
  const runner = await findLabRunner({ engineExecutable: findLabExecutable() });
  io.out(`${command} in the lab: ${labRunnerLabel(runner)}\n`);
  return runner;
}

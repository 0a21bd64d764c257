/**
 * The lab a CLI command runs on: real PowerShell with the lab module when this machine has one,
 * else the lab in this process (connect.ts findLabRunner). Said first, where the command tells its
 * progress, so whoever reads the transcript knows whether PowerShell itself ran the commands —
 * stderr for discover, whose stdout is its result.
 */
import { findLabExecutable, findLabRunner, labRunnerLabel, type LabRunner } from '../main/run/connect';

export async function cliLabRunner(say: (text: string) => void, command: string): Promise<LabRunner> {
  // In a checkout, the engine runs as its own process, which outlives a killed CLI as a deployment would.
  const runner = await findLabRunner({ engineExecutable: findLabExecutable() });
  say(`${command} in the lab: ${labRunnerLabel(runner)}\n`);
  return runner;
}

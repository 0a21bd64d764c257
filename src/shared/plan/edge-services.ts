/**
 * Stopping and starting the services of an Edge pool's servers (P4 steps 2 and 7, P5 step 1). One
 * step per server, run on that server: Edge servers sit in the perimeter, where remoting is rarely
 * allowed, so the commands act on the local computer.
 */
import type { Pool } from '../model/types';
import { csWindowsServices } from '../powershell/commands';
import { DURATIONS } from './durations';
import type { StepFactory } from './steps';
import type { Step } from './types';

export function stopEdgeServices(f: StepFactory, pool: Pool, procedure: string, why: string): Step[] {
  return pool.machines.map((server) =>
    f.command({
      key: `stop-services-${server}`,
      procedure,
      title: `Stop the Skype for Business services on ${server}`,
      why,
      command: csWindowsServices('Stop'),
      runOn: { on: 'edgeServer', pool: pool.fqdn, server },
      estimate: DURATIONS.services,
    }),
  );
}

/** Start, then check that every service of the server runs. */
export function startEdgeServices(f: StepFactory, pool: Pool, procedure: string, why: string): Step[] {
  return pool.machines.flatMap((server) => {
    const runOn = { on: 'edgeServer', pool: pool.fqdn, server } as const;
    return [
      f.command({
        key: `start-services-${server}`,
        procedure,
        title: `Start the Skype for Business services on ${server}`,
        why,
        command: csWindowsServices('Start'),
        runOn,
        estimate: DURATIONS.services,
      }),
      f.check({
        key: `services-running-${server}`,
        procedure,
        title: `Check that the services on ${server} are running`,
        why: 'A service that did not start leaves the Edge server unable to carry the traffic moved to it.',
        command: csWindowsServices('Get'),
        runOn,
        condition: { test: 'equals', property: 'Status', value: 'Running' },
        onFail: `Start the services that are not running on ${server} (see the Windows event log) before going on.`,
      }),
    ];
  });
}

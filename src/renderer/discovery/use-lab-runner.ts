/**
 * What answers the lab's commands on this machine (main's `lab.runner`): real PowerShell with the
 * lab module, or — where there is no PowerShell — the lab inside PoolPilot. Asked once: main looks
 * for PowerShell once, at launch.
 */
import { useEffect, useState } from 'react';
import type { LabRunnerInfo } from '../../shared/ipc/contract';

let asked: Promise<LabRunnerInfo> | undefined;

export function useLabRunner(): LabRunnerInfo | undefined {
  const [runner, setRunner] = useState<LabRunnerInfo>();
  useEffect(() => {
    let live = true;
    asked ??= window.api['lab.runner']();
    asked.then(
      (info) => live && setRunner(info),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return runner;
}

/** The status bar's words for it, after the environment: short, with the whole label as its tooltip. */
export function labRunnerWords(runner: LabRunnerInfo): string {
  if (runner.kind === 'in-process') return 'runs in PoolPilot itself: no PowerShell found';
  if (runner.kind === 'module') return `runs in ${runner.label.replace(/ with the lab module$/, '')}`;
  return 'runs in the lab shell';
}

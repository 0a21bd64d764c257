/**
 * Runs tasks one at a time, in the order they were given: each starts once the one before has
 * settled, whether it succeeded or not. PowerShell sessions run their jobs this way (one shell,
 * one job at a time), and AppData its read-modify-write store updates.
 */
export class Serial {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const next = this.tail.then(task, task);
    this.tail = next.catch(() => undefined);
    return next;
  }
}

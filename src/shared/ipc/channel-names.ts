/**
 * The channel names alone, without their schemas: the preload bundle needs only these, and must stay
 * small and dependency-free. `contract.ts` checks at compile time that this list matches its table.
 */
export const CHANNEL_NAMES = [
  'app.info',
  'topology.openDemo',
  'topology.openDialog',
  'topology.openPath',
  'topology.openBytes',
  'snapshot.save',
  'recent.list',
  'positions.get',
  'positions.save',
  'graph.exportPng',
  'diagram.export',
  'plan.export',
  'run.start',
  'run.respond',
  'run.stop',
  'run.current',
  'run.interrupted',
  'run.resume',
  'run.exportReport',
  'credentials.save',
  'credentials.get',
  'credentials.forget',
  'discovery.start',
  'snapshots.list',
  'snapshots.read',
  'collector.text',
  'collector.export',
  'lab.runner',
] as const;


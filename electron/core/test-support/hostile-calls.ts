import type { CallName } from '../../../shared/contract';

/** Calls that change the engine or write files: fuzzers send them only arguments the contract refuses. */
export const MUTATING_CALLS: ReadonlySet<CallName> = new Set<CallName>([
  'images.tag',
  'images.remove',
  'images.prune',
  'containers.remove',
  'containers.start',
  'containers.stop',
  // These write files where the arguments say, or change the engine: a fuzzer's valid path is a real one.
  'images.save',
  'archives.load',
  'images.import',
  'containers.export',
  'containers.commit',
  'uploads.discard',
  'jobs.dismiss',
]);

import type { CallName } from '../../../shared/contract';

/** Calls that change the engine: fuzzers send them only arguments the contract refuses. */
export const MUTATING_CALLS: ReadonlySet<CallName> = new Set<CallName>(['images.tag', 'images.remove', 'images.prune', 'containers.remove', 'containers.start', 'containers.stop']);

import { execFileSync } from 'node:child_process';
import type { EventMap, EventName } from '../../../shared/contract';
import type { CallOutcome } from '../../../shared/transport';
import { createBackend, type Backend, type BackendOptions } from '../backend';
import type { TestEngine } from './test-env';

/**
 * A backend on one private engine. It does not list images ahead of the first call (a test that
 * changes the engine and then lists must see the engine, not a list taken at start-up), except
 * where a test asks for exactly that.
 */
export function backendFor(engine: TestEngine, options: BackendOptions = {}): Backend {
  // The engine's own config dir, as the CLI here uses it: never the user's logins.
  return createBackend({ dockerHost: engine.dockerHost, retryMs: 300, prefetchList: false, dockerConfig: engine.dockerConfig, settingsDir: `${engine.dir}/stevedore-settings`, ...options });
}

/** The docker CLI against one private engine, with its own config dir: never the user's daemon or login. */
export function dockerCli(engine: TestEngine, ...args: string[]): string {
  return execFileSync('docker', args, {
    env: { ...process.env, DOCKER_HOST: engine.dockerHost, DOCKER_CONFIG: engine.dockerConfig, DOCKER_BUILDKIT: '0' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

/** Removes our containers by name; names already gone are fine (`rm -f` still removes the rest). */
export function removeContainers(engine: TestEngine, ...names: string[]): void {
  try {
    dockerCli(engine, 'rm', '-f', ...names);
  } catch {
    // Some were not there: nothing to clean for them.
  }
}

/**
 * `docker rmi -f` of images that may be parents of one another: the legacy store refuses a parent
 * before its children ("has dependent child images") even with -f, and in one command the order is
 * the arguments'. So each goes alone, and passes repeat while any went.
 */
export function removeImagesDeep(engine: TestEngine, ids: readonly string[]): void {
  let left = [...new Set(ids)];
  while (left.length > 0) {
    const before = left.length;
    left = left.filter((id) => {
      try {
        dockerCli(engine, 'rmi', '-f', id);
        return false;
      } catch (err) {
        // Already gone (a child's removal took its untagged parent along) counts as removed.
        return !/No such image/i.test(String((err as { stderr?: unknown }).stderr ?? err));
      }
    });
    if (left.length === before) throw new Error(`could not remove ${left.join(' ')}`);
  }
}

export function valueOf<T>(outcome: CallOutcome): T {
  if (!outcome.ok) throw new Error(`call failed: ${JSON.stringify(outcome.error)}`);
  return outcome.value as T;
}

/** Resolves with the first event of that name matching the predicate. */
export function nextEvent<E extends EventName>(backend: Backend, event: E, match: (payload: EventMap[E]) => boolean, timeoutMs = 10_000): Promise<EventMap[E]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`no matching ${event} event within ${timeoutMs} ms`));
    }, timeoutMs);
    const unsubscribe = backend.subscribe((name: EventName, payload: unknown) => {
      if ((name as string) === event && match(payload as EventMap[E])) {
        clearTimeout(timer);
        unsubscribe();
        resolve(payload as EventMap[E]);
      }
    });
  });
}

export async function connected(backend: Backend): Promise<void> {
  const status = await backend.engine.connect();
  if (status.state !== 'connected') throw new Error(`test engine not connected: ${JSON.stringify(status)}`);
}

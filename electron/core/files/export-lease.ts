import type Docker from 'dockerode';
import { PassThrough, type Readable } from 'node:stream';
import { imageStoreOf, type EngineInfo } from '../engine/connection';
import { STREAM_BUFFER } from './io-sizes';
import { settleWithin } from '../time-limit';

/**
 * Docker's containerd image store pins everything an export (`docker save`) reads with a containerd
 * lease. Before Engine 27.4 it deletes that lease with the request's own context, so when the client
 * hangs up early the deletion fails ("cleaning up lease: context canceled") and the lease stays, with
 * no expiry, across engine restarts: the content stays on disk after its images are removed, and a
 * prune reports it neither deleted nor freed (moby#48909, fixed by moby#48910 in 27.4). Stevedore
 * gives up on exports often: a cancelled save, a download the browser dropped, layers the user left
 * before they were read.
 */
export function exportLeaksWhenCut(serverVersion: string, store: 'legacy' | 'containerd'): boolean {
  if (store !== 'containerd') return false;
  const match = /^(\d+)\.(\d+)/.exec(serverVersion);
  // A version that does not parse (a development build): the safe side is to finish the export.
  if (!match) return true;
  const [major, minor] = [Number(match[1]), Number(match[2])];
  return major < 27 || (major === 27 && minor < 4);
}

/** Exports of such engines not ended yet, read or finishing in the background. */
const underWay = new Set<Promise<void>>();

/**
 * Until every export under way has ended, or `timeoutMs` passed: a process that exits cuts the ones
 * still running, and the engine keeps their content pinned.
 */
export async function exportsEnded(timeoutMs: number): Promise<void> {
  await settleWithin(Promise.all([...underWay]), timeoutMs, () => undefined);
}

/** Asked once per client: a reconnect makes a new client, so an upgraded engine is asked again. */
const asked = new WeakMap<Docker, Promise<boolean>>();

export function exportLeaks(docker: Docker): Promise<boolean> {
  let answer = asked.get(docker);
  if (!answer) {
    answer = (async () => {
      const [version, info] = await Promise.all([docker.version(), docker.info()]);
      return exportLeaksWhenCut(String(version.Version ?? ''), imageStoreOf(info as EngineInfo).kind);
    })()
      // Not known: finishing an export costs the engine some reading; a pinned one costs disk for good.
      .catch(() => true);
    asked.set(docker, answer);
  }
  return answer;
}

/**
 * The engine's export, once it answers, as a stream that can be given up like any other, while the
 * request itself is read to its end in the background, so the engine finishes the export and lets its
 * lease go. Counted as under way from the moment it is asked for: the engine takes the lease before
 * it answers.
 */
export async function finishedWhenGivenUp(request: Promise<Readable>): Promise<Readable> {
  const ended = request.then(
    (response) => new Promise<void>((resolve) => response.once('close', resolve)),
    () => undefined,
  );
  underWay.add(ended);
  void ended.then(() => underWay.delete(ended));
  const response = await request;
  const front = new PassThrough({ highWaterMark: STREAM_BUFFER });
  response.on('error', (err) => front.destroy(err));
  response.pipe(front);
  front.on('close', () => {
    if (response.readableEnded || response.destroyed) return;
    response.unpipe(front);
    // Nothing reads these bytes: the engine's answer is discarded until it ends.
    response.on('data', () => undefined);
    response.resume();
  });
  return front;
}

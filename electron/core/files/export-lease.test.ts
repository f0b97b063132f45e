import fc from 'fast-check';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { exportLeaksWhenCut, exportsEnded, finishedWhenGivenUp } from './export-lease';

describe('which engines pin an export that is cut off', () => {
  it('the containerd store before 27.4, and a version that does not parse; never the legacy store', () => {
    expect(exportLeaksWhenCut('26.1.5+dfsg1', 'containerd')).toBe(true);
    expect(exportLeaksWhenCut('27.3.1', 'containerd')).toBe(true);
    expect(exportLeaksWhenCut('27.4.0', 'containerd')).toBe(false);
    expect(exportLeaksWhenCut('29.0.1', 'containerd')).toBe(false);
    expect(exportLeaksWhenCut('master-dockerproject', 'containerd')).toBe(true);
    expect(exportLeaksWhenCut('20.10.24+dfsg1', 'legacy')).toBe(false);
  });

  it('takes any version string without throwing', () => {
    fc.assert(fc.property(fc.string(), fc.constantFrom('legacy' as const, 'containerd' as const), (version, store) => {
      const answer = exportLeaksWhenCut(version, store);
      if (store === 'legacy') expect(answer).toBe(false);
    }));
  });
});

/** An engine answer of `chunks` pieces that records how far it was read and whether it was cut. */
function engineAnswer(chunks: number) {
  let sent = 0;
  const response = new Readable({
    read() {
      this.push(sent < chunks ? Buffer.alloc(64 * 1024, sent++) : null);
    },
  });
  return { response, sent: () => sent };
}

describe('an export given up by its reader', () => {
  it('passes every byte through when read to the end', async () => {
    const { response } = engineAnswer(20);
    let bytes = 0;
    for await (const chunk of await finishedWhenGivenUp(Promise.resolve(response))) bytes += (chunk as Buffer).length;
    expect(bytes).toBe(20 * 64 * 1024);
  });

  it('is read to its end in the background, not cut, once the reader destroys it', async () => {
    const { response, sent } = engineAnswer(200);
    const front = await finishedWhenGivenUp(Promise.resolve(response));
    for await (const _ of front) break;
    await new Promise<void>((resolve) => response.once('end', resolve));
    expect(sent()).toBe(200);
    expect(response.readableEnded).toBe(true);
  });

  it('counts as under way until the engine’s answer ends, given up or not, so closing can wait for it', async () => {
    const { response, sent } = engineAnswer(400);
    const front = await finishedWhenGivenUp(Promise.resolve(response));
    front.destroy();
    await exportsEnded(10_000);
    expect(sent()).toBe(400);
    // A request that failed before any answer is not waited for.
    await finishedWhenGivenUp(Promise.reject(new Error('refused'))).catch(() => undefined);
    const started = Date.now();
    await exportsEnded(10_000);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('hands the engine’s failure to the reader', async () => {
    const { response } = engineAnswer(200);
    const front = await finishedWhenGivenUp(Promise.resolve(response));
    const failed = new Promise((_, reject) => front.once('error', reject));
    response.destroy(new Error('engine went away'));
    await expect(failed).rejects.toThrow('engine went away');
  });
});

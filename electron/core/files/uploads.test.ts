import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { UploadArea } from './uploads';

describe('files copied to the host, once no page is open', () => {
  const roots: string[] = [];
  afterEach(() => {
    for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
  });
  const area = () => {
    const root = mkdtempSync(join(tmpdir(), 'sd-uploads-'));
    roots.push(root);
    return new UploadArea(root);
  };
  const receive = (a: UploadArea, text: string) => a.receive(Readable.from([Buffer.from(text)]), 'x.tar', text.length, new AbortController().signal, () => undefined);

  it('are deleted, except those a load or import is reading, which go once it lets them go', async () => {
    const a = area();
    const idle = await receive(a, 'idle');
    const read = await receive(a, 'read');
    const release = a.claim(read.uploadId);
    expect(await a.discardIdle()).toBe(1);
    expect(() => a.resolve(idle.uploadId)).toThrow(/no longer on the host/);
    expect(a.resolve(read.uploadId).fileName).toBe('x.tar');
    release();
    release();
    expect(await a.discardIdle()).toBe(1);
    expect(() => a.resolve(read.uploadId)).toThrow(/no longer on the host/);
    a.dispose();
  });
});

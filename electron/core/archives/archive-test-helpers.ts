/** Shared by the archive reader's unit tests: sample images, readers that check the stream was closed, and tar surgery. */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { ArchiveContents } from '../../../shared/archive-types';
import { BackendError } from '../../../shared/errors';
import { readArchive } from './archive-reader';
import { buildArchive, streamOf, tarOf, type SpecImage, type TarEntry } from './test-archives';

export const fixture = (name: string) => fs.readFileSync(path.join(__dirname, 'fixtures', name));
export const hex = (digest: string) => digest.slice('sha256:'.length);
export const short = (digest: string) => `sha256:${hex(digest).slice(0, 12)}…`;
export const shortHex = (name: string) => `${name.slice(0, 12)}…${name.slice(64)}`;
export const json = (value: unknown) => Buffer.from(JSON.stringify(value));

/** Reads `bytes` as `fileName`, and checks the stream it was given is destroyed whatever happened. */
export async function read(bytes: Buffer, fileName = 'a.tar', chunk?: number): Promise<ArchiveContents> {
  const raw = streamOf(bytes, chunk);
  try {
    return await readArchive(raw, { fileName });
  } finally {
    expect(raw.destroyed).toBe(true);
  }
}

export async function refusal(bytes: Buffer, fileName = 'a.tar'): Promise<BackendError> {
  const error = await read(bytes, fileName).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BackendError);
  return error as BackendError;
}

export async function expectRefusal(bytes: Buffer, fileName: string, message: string | RegExp): Promise<BackendError> {
  const error = await refusal(bytes, fileName);
  expect(error.code).toBe('INVALID_ARGUMENT');
  if (typeof message === 'string') expect(error.message).toBe(message);
  else expect(error.message).toMatch(message);
  expect(error.hint).toBeTruthy();
  return error;
}

export const layer = (text: string, times = 20) => Buffer.from(`${text}\n`.repeat(times));

export const busybox: SpecImage = {
  names: ['docker.io/library/busybox:1', 'docker.io/library/busybox:latest'],
  platforms: [{ os: 'linux', architecture: 'amd64', present: true, layers: [layer('busybox base'), layer('busybox top')] }],
  index: false,
  label: 'busybox',
};
export const tool: SpecImage = {
  names: ['docker.io/me/tool:2'],
  platforms: [{ os: 'linux', architecture: 'arm64', variant: 'v8', present: true, layers: [layer('busybox base'), layer('tool')] }],
  index: false,
  label: 'tool',
};
export const multi: SpecImage = {
  names: ['localhost:5000/team/multi:1'],
  platforms: [
    // Its manifest and config are in the file, its layer is not.
    { os: 'linux', architecture: 'amd64', present: false, missing: 'layers', layers: [layer('multi amd64')] },
    // Its manifest and layers are in the file (one shared with busybox), its config is not.
    { os: 'linux', architecture: 's390x', present: false, missing: 'config', layers: [layer('busybox base')] },
    // Nothing of it is in the file.
    { os: 'linux', architecture: 'ppc64le', present: false, layers: [layer('multi ppc')] },
    { os: 'linux', architecture: 'arm64', variant: 'v8', present: true, layers: [layer('multi arm64'), layer('multi arm64 2')] },
    { os: 'linux', architecture: 'arm', variant: 'v7', present: true, layers: [layer('multi arm')] },
  ],
  index: true,
  label: 'multi',
};

export async function archiveOf(images: SpecImage[], layout: 'docker' | 'oci' | 'docker+oci') {
  const built = buildArchive(images, layout);
  return { ...built, tar: await tarOf(built.entries) };
}

/** Rewrites the size an entry's header claims (and its checksum), leaving the body as it was. */
export function withClaimedSize(tar: Buffer, name: string, size: number): Buffer {
  const out = Buffer.from(tar);
  const at = headerOffset(out, name);
  out.write(`${size.toString(8).padStart(11, '0')}\0`, at + 124, 'latin1');
  out.fill(0x20, at + 148, at + 156);
  let sum = 0;
  for (let i = at; i < at + 512; i += 1) sum += out[i]!;
  out.write(`${sum.toString(8).padStart(6, '0')}\0 `, at + 148, 'latin1');
  return out;
}

export function headerOffset(tar: Buffer, name: string): number {
  for (let at = 0; at + 512 <= tar.length; ) {
    const entry = tar.toString('latin1', at, at + 100).replace(/\0.*$/s, '');
    const size = parseInt(tar.toString('latin1', at + 124, at + 136).replace(/\0.*$/s, ''), 8) || 0;
    if (entry === name) return at;
    at += 512 + Math.ceil(size / 512) * 512;
  }
  throw new Error(`no entry ${name}`);
}

/** `count` empty entries named 0, 1, 2…, as raw tar headers (tar-stream takes seconds for 100,000). */
export async function noise(count: number): Promise<Buffer> {
  const template = (await tarOf([{ name: 'x' }])).subarray(0, 512);
  const out = Buffer.alloc(512 * count);
  for (let i = 0; i < count; i += 1) {
    const at = i * 512;
    template.copy(out, at);
    out.fill(0, at, at + 100);
    out.write(String(i), at, 'latin1');
    out.fill(0x20, at + 148, at + 156);
    let sum = 0;
    for (let k = at; k < at + 512; k += 1) sum += out[k]!;
    out.write(`${sum.toString(8).padStart(6, '0')}\0 `, at + 148, 'latin1');
  }
  return out;
}

export function replaceEntry(entries: TarEntry[], name: string, content: Buffer): TarEntry[] {
  return entries.map((e) => (e.name === name ? { ...e, content } : e));
}

/** Peak growth of the JS heap and of buffer memory while `run` reads, over what was in use before. */
export async function peakGrowth(run: (sample: () => void) => Promise<void>): Promise<{ heap: number; buffers: number }> {
  const before = process.memoryUsage();
  let heap = 0;
  let buffers = 0;
  const sample = () => {
    const now = process.memoryUsage();
    heap = Math.max(heap, now.heapUsed - before.heapUsed);
    buffers = Math.max(buffers, now.arrayBuffers - before.arrayBuffers);
  };
  await run(sample);
  sample();
  return { heap, buffers };
}

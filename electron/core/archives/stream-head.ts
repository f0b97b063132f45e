import { Readable } from 'node:stream';

const asBuffer = (chunk: unknown): Buffer => (typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));

/**
 * The first `bytes` of a stream (to sniff what it is), and a stream that gives them again followed by
 * the rest. `sourceError` wraps what reading `raw` throws, so a caller can tell the source's failures
 * from its own.
 */
export async function splitHead(raw: AsyncIterable<unknown>, bytes: number, sourceError: (error: unknown) => unknown = (error) => error): Promise<{ head: Buffer; stream: Readable }> {
  const chunks = raw[Symbol.asyncIterator]();
  const next = async () => {
    try {
      return await chunks.next();
    } catch (error) {
      throw sourceError(error);
    }
  };
  const parts: Buffer[] = [];
  let length = 0;
  let ended = false;
  while (length < bytes) {
    const r = await next();
    if (r.done) {
      ended = true;
      break;
    }
    const chunk = asBuffer(r.value);
    parts.push(chunk);
    length += chunk.length;
  }
  const head = Buffer.concat(parts);
  async function* replay() {
    if (head.length > 0) yield head;
    if (ended) return;
    for (;;) {
      const r = await next();
      if (r.done) return;
      yield asBuffer(r.value);
    }
  }
  return { head, stream: Readable.from(replay(), { objectMode: false }) };
}

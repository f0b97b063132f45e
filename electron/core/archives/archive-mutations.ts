/** Shared by the fuzz tests of the archive reader and the layer reader. */
import fc from 'fast-check';

/** Byte-level damage to a valid archive: overwrite, cut, delete or insert, at any offset. */
export const mutation = fc.oneof(
  fc.record({ kind: fc.constant('overwrite' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 600 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 600 }) }),
);
export type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

export function mutate(base: Buffer, steps: Mutation[]): Buffer {
  let out = Buffer.from(base);
  for (const step of steps) {
    const at = out.length === 0 ? 0 : step.at % out.length;
    if (step.kind === 'overwrite') {
      out = Buffer.from(out);
      Buffer.from(step.bytes).copy(out, at);
    } else if (step.kind === 'truncate') {
      out = out.subarray(0, at);
    } else if (step.kind === 'delete') {
      out = Buffer.concat([out.subarray(0, at), out.subarray(at + step.length)]);
    } else {
      out = Buffer.concat([out.subarray(0, at), Buffer.from(step.bytes), out.subarray(at)]);
    }
  }
  return out;
}

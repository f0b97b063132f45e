import { describe, expect, it } from 'vitest';
import { cleanCommand, historySizes, modeString, wasteReason } from './layer-text';

describe('layer text', () => {
  it('drops the legacy builder’s #(nop) noise and names shell steps RUN', () => {
    expect(cleanCommand('/bin/sh -c #(nop)  ENV A=1')).toBe('ENV A=1');
    expect(cleanCommand('/bin/sh -c echo hi > /x')).toBe('RUN echo hi > /x');
    expect(cleanCommand('RUN /bin/sh -c apk add curl # buildkit')).toBe('RUN /bin/sh -c apk add curl # buildkit');
  });

  it('writes modes as ls -l does, special bits included', () => {
    expect(modeString('dir', 0o755)).toBe('drwxr-xr-x');
    expect(modeString('file', 0o644)).toBe('-rw-r--r--');
    expect(modeString('file', 0o4755)).toBe('-rwsr-xr-x');
    expect(modeString('dir', 0o1777)).toBe('drwxrwxrwt');
    expect(modeString('file', 0o2644)).toBe('-rw-r-Sr--');
    expect(modeString('symlink', 0o777)).toBe('lrwxrwxrwx');
  });

  it('says why a path is wasted, counting layers from 1', () => {
    const written = (layer: number, size = 1) => ({ layer, action: 'written' as const, size });
    expect(wasteReason({ path: 'a', files: 1, avoidableBytes: 1, diveBytes: 2, final: 'present', events: [written(2), written(4)] })).toEqual({ key: 'overwritten', values: { from: 3, to: 5, times: 2 } });
    expect(wasteReason({ path: 'a', files: 1, avoidableBytes: 1, diveBytes: 1, final: 'removed', events: [written(1), { layer: 3, action: 'removed', size: 1 }] })).toEqual({ key: 'deleted', values: { from: 2, to: 4, times: 1 } });
    expect(wasteReason({ path: 'a', files: 1, avoidableBytes: 2, diveBytes: 2, final: 'removed', events: [written(0), written(1), { layer: 2, action: 'removed', size: 1 }] }).key).toBe('rewrittenDeleted');
    // Deleted in layer 6 and written again in 7 is not "overwritten in 7".
    expect(wasteReason({ path: 'a', files: 1, avoidableBytes: 1, diveBytes: 2, final: 'present', events: [written(4), { layer: 5, action: 'removed', size: 1 }, written(6)] })).toEqual({
      key: 'deletedRewritten',
      values: { from: 5, to: 7, times: 2, removed: 6 },
    });
  });

  it("pairs docker history's sizes with the layers, newest-first entries against the config's steps", () => {
    const steps = [
      { createdBy: 'ADD', created: null, comment: null, layer: 0 },
      { createdBy: 'ENV', created: null, comment: null, layer: null },
      { createdBy: 'RUN', created: null, comment: null, layer: 1 },
    ];
    expect(historySizes(steps, [{ size: 8192 }, { size: 0 }, { size: 3220 }], 2)).toEqual([3220, 8192]);
    expect(historySizes(steps, [{ size: 1 }], 2)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { layerSizesFromHistory, pairHistoryWithLayers, type HistoryRow } from './history-layers';

/** A legacy-builder history, newest first: every step an image of its own. */
const built: HistoryRow[] = [
  { id: 'sha256:s5', createdBy: '/bin/sh -c #(nop)  CMD ["sh"]', size: 0 },
  { id: 'sha256:s4', createdBy: '/bin/sh -c head -c 1000 /dev/urandom > /f', size: 1000 },
  { id: 'sha256:s3', createdBy: '/bin/sh -c #(nop) WORKDIR /srv', size: 0 },
  { id: 'sha256:s2', createdBy: '/bin/sh -c #(nop)  ENV A=1', size: 0 },
  { id: 'sha256:s1', createdBy: '/bin/sh -c #(nop) COPY file:abc in /bin/busybox ', size: 900 },
];
const layersOf: Record<string, number> = { 'sha256:s1': 1, 'sha256:s2': 1, 'sha256:s3': 2, 'sha256:s4': 3, 'sha256:s5': 3 };

describe('pairing history entries with layers', () => {
  it('counts WORKDIR’s 0-byte layer, which 20.10’s builder makes, so later sizes do not shift', () => {
    const pairing = pairHistoryWithLayers(built, 3, (id) => layersOf[id]);
    expect(pairing).toEqual({ made: [false, true, true, false, true], exact: true });
    expect(layerSizesFromHistory(built, pairing, 3)).toEqual([900, 0, 1000]);
  });

  it('reads a pulled base (no image IDs) from its bytes, exactly when the empty entries are all layers or none', () => {
    const pulled: HistoryRow[] = [
      { id: 'sha256:top', createdBy: '/bin/sh -c echo > /x', size: 5 },
      { id: '<missing>', createdBy: 'CMD ["sh"]', size: 0 },
      { id: '<missing>', createdBy: 'ADD rootfs.tar /', size: 800 },
    ];
    const pairing = pairHistoryWithLayers(pulled, 2, (id) => (id === 'sha256:top' ? 2 : undefined));
    expect(pairing).toEqual({ made: [true, false, true], exact: true });
  });

  it('says when it had to guess from instructions', () => {
    const ambiguous: HistoryRow[] = [
      { id: '<missing>', createdBy: 'RUN true', size: 0 },
      { id: '<missing>', createdBy: 'ENV A=1', size: 0 },
      { id: '<missing>', createdBy: 'ADD rootfs.tar /', size: 800 },
    ];
    const pairing = pairHistoryWithLayers(ambiguous, 2, () => undefined);
    expect(pairing).toEqual({ made: [true, false, true], exact: false });
  });
});

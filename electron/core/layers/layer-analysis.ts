import type { HistoryStep, LayerAnalysis, LayerSummary } from '../../../shared/layer-types';
import { Stacker, type LayerChange, type LayerContents } from './layer-stack';
import type { HistoryConfig } from './saved-image';
import { WasteLedger } from './wasted-space';

/** The most wasteful paths the summary lists; the ledger still counts every one. */
export const WASTED_PATHS_LISTED = 200;

/** An image read and stacked: the summary the renderer gets, and what its file trees are built from. */
export interface AnalysedImage {
  summary: LayerAnalysis;
  contents: LayerContents[];
  changes: LayerChange[][];
  /** Entries held, for the cache's budget. */
  weight: number;
}

function historySteps(config: HistoryConfig, layers: number): HistoryStep[] {
  let next = 0;
  return (config.history ?? []).map((h) => {
    // empty_layer is the config's own word: no guessing from the instruction.
    const layer = h.empty_layer === true || next >= layers ? null : next++;
    return { createdBy: h.created_by ?? '', created: h.created ?? null, comment: h.comment ?? null, layer };
  });
}

/** Stacks the layers bottom-up once: per-layer changes, the summary figures and both wasted-space views. */
export function analyse(contents: LayerContents[], config: HistoryConfig, meta: { imageId: string; platform: string | null; platforms: string[]; archiveBytes: number[]; readBytes: number }): AnalysedImage {
  const stacker = new Stacker();
  const ledger = new WasteLedger();
  const changes: LayerChange[][] = [];
  const layers: LayerSummary[] = [];
  contents.forEach((layer, index) => {
    // dive counts a whiteout of a directory as the bytes of the tree it hid, and of a file as nothing.
    const whiteoutSizes = new Map<string, number>();
    for (const path of layer.whiteouts) {
      if (stacker.files.get(path)?.entry.kind !== 'dir') continue;
      let bytes = 0;
      for (const p of stacker.subtree(path)) bytes += stacker.files.get(p)?.entry.size ?? 0;
      whiteoutSizes.set(path, bytes);
    }
    const changed = stacker.apply(layer, index);
    ledger.record(index, layer, changed, whiteoutSizes);
    changes.push(changed);
    const summary: LayerSummary = { index, diffId: config.rootfs.diff_ids[index] ?? '', archiveBytes: meta.archiveBytes[index] ?? 0, writtenBytes: 0, added: 0, modified: 0, removed: 0, removedBytes: 0 };
    for (const c of changed) {
      summary[c.change] += 1;
      if (c.change === 'removed') summary.removedBytes += c.entry.size;
      else summary.writtenBytes += c.entry.size;
    }
    layers.push(summary);
  });
  let fileBytes = 0;
  for (const s of stacker.files.values()) fileBytes += s.entry.size;
  const weight = contents.reduce((n, l) => n + l.entries.length + l.whiteouts.length, 0) + changes.reduce((n, c) => n + c.length, 0);
  return {
    summary: {
      imageId: meta.imageId,
      platform: meta.platform,
      platforms: meta.platforms,
      layers,
      history: historySteps(config, contents.length),
      wasted: ledger.summary((path) => stacker.files.has(path), WASTED_PATHS_LISTED),
      files: stacker.files.size,
      fileBytes,
      readBytes: meta.readBytes,
    },
    contents,
    changes,
    weight,
  };
}

/** The filesystem as layers 0..`top` leave it. */
export function stackedTo(image: AnalysedImage, top: number): Stacker {
  const stacker = new Stacker();
  for (let i = 0; i <= top && i < image.contents.length; i += 1) stacker.apply(image.contents[i]!, i);
  return stacker;
}

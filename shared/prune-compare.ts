import type { PruneDifference, RemovalPlan } from './removal-types';

export interface PruneReport {
  deletedImageIds: string[];
  untagged: string[];
  deletedLayerIds: string[];
  spaceReclaimed: number;
  /** Images gone from the engine's list whose content it did not free (see PruneResult). */
  contentHeldIds?: readonly string[];
}

/**
 * Everything in which the engine's report differs from the preview; empty when they agree exactly.
 * Where the preview gave a range (what it said may or may not go), either outcome inside it agrees.
 */
export function comparePruneWithPlan(plan: RemovalPlan, report: PruneReport): PruneDifference[] {
  const differences: PruneDifference[] = [];
  const maybeImages = new Set(plan.uncertainty?.maybeImages ?? []);
  const maybeRefs = new Set(plan.uncertainty?.maybeRefs ?? []);
  const planned = new Set(plan.images.map((i) => i.id));
  const actual = new Set(report.deletedImageIds);
  for (const id of actual) if (!planned.has(id)) differences.push({ kind: 'deleted-not-previewed', subject: id });
  const held = new Set(report.contentHeldIds ?? []);
  for (const id of planned) if (!actual.has(id) && !maybeImages.has(id)) differences.push({ kind: held.has(id) ? 'content-held' : 'previewed-kept', subject: id });
  const plannedTags = new Set([...plan.images.flatMap((i) => i.tags), ...plan.untagOnly.map((u) => u.ref)]);
  for (const ref of report.untagged) if (!plannedTags.has(ref)) differences.push({ kind: 'untagged-not-previewed', subject: ref });
  for (const ref of plannedTags) if (!report.untagged.includes(ref) && !maybeRefs.has(ref)) differences.push({ kind: 'previewed-untag-missing', subject: ref });
  const min = plan.uncertainty?.minBytes ?? plan.totalBytes;
  const max = plan.uncertainty?.maxBytes ?? plan.totalBytes;
  if (report.spaceReclaimed < min || report.spaceReclaimed > max) differences.push({ kind: 'space', subject: '', previewedBytes: plan.totalBytes, reportedBytes: report.spaceReclaimed });
  return differences;
}

/** One key per difference, to merge the backend's and the renderer's lists without repeats. */
export function differenceKey(d: PruneDifference): string {
  return `${d.kind}|${d.subject}|${d.previewedBytes ?? ''}|${d.reportedBytes ?? ''}`;
}

import type { RemovalPlan } from './removal-types';

export interface PruneReport {
  deletedImageIds: string[];
  untagged: string[];
  deletedLayerIds: string[];
  spaceReclaimed: number;
}

/** Everything in which the engine's report differs from the preview; empty when they agree exactly. */
export function comparePruneWithPlan(plan: RemovalPlan, report: PruneReport): string[] {
  const differences: string[] = [];
  const planned = new Set(plan.images.map((i) => i.id));
  const actual = new Set(report.deletedImageIds);
  for (const id of actual) if (!planned.has(id)) differences.push(`deleted but not previewed: image ${id}`);
  for (const id of planned) if (!actual.has(id)) differences.push(`previewed but kept: image ${id}`);
  const plannedTags = new Set([...plan.images.flatMap((i) => i.tags), ...plan.untagOnly.map((u) => u.ref)]);
  for (const ref of report.untagged) if (!plannedTags.has(ref)) differences.push(`untagged but not previewed: ${ref}`);
  for (const ref of plannedTags) if (!report.untagged.includes(ref)) differences.push(`previewed untag did not happen: ${ref}`);
  if (plan.totalBytes !== report.spaceReclaimed) differences.push(`space: previewed ${plan.totalBytes} bytes, engine reported ${report.spaceReclaimed} bytes`);
  return differences;
}

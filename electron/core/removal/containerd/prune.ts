import { labelsMatchContainerd, type LabelFilter } from '../../../../shared/prune-filters';
import type { RemovalPlan } from '../../../../shared/removal-types';
import type { DeleteRecord } from '../image-graph';
import { PlanBuilder } from '../plan-builder';
import type { PruneRules } from '../prune-rules';
import type { ContainerdModel } from './model';
import { danglingName, familiarName, isDangling, parseNamed, type CdRecord } from './names';

export interface ContainerdPruneRules {
  danglingOnly: boolean;
  /**
   * With an `until` filter: whether a name record was created before the cut-off. The store prunes by
   * each name's own creation time, which its API does not expose; null means it cannot be known.
   */
  createdBefore: ((record: CdRecord) => boolean | null) | null;
  labels: LabelFilter[];
}

/**
 * The prune filters as this store applies them. A name is no older than its image's config and no
 * newer than the image's last tag time (inspect's LastTagTime, milliseconds); between the two it
 * cannot be known.
 */
export function containerdRules(model: ContainerdModel, lastTagTime: ReadonlyMap<string, number>, { danglingOnly, until, labels }: PruneRules): ContainerdPruneRules {
  const cutoff = until === null ? null : until * 1000;
  const createdBefore =
    cutoff === null
      ? null
      : (record: { target: string }) => {
          if ((model.facts.get(record.target)?.created ?? 0) >= cutoff) return false;
          const tagged = lastTagTime.get(record.target);
          return tagged !== undefined && tagged < cutoff ? true : null;
        };
  return { danglingOnly, createdBefore, labels };
}

interface Outcome {
  plan: RemovalPlan;
  contentUnknown: boolean;
  unknownBytes: number;
}

/**
 * pruneUnused of daemon/containerd/image_prune.go on a copy: choose the name records, spare those a
 * container was created from, keep a dangling record for an image a container created by ID still
 * uses, delete the rest and count the content blobs no remaining record reaches.
 */
function run(before: ContainerdModel, rules: ContainerdPruneRules, command: string, includeUnknown: boolean): Outcome {
  const model = before.clone();
  const records = model.allRecords();
  const refCount = new Map<string, number>();
  for (const r of records) refCount.set(r.target, (refCount.get(r.target) ?? 0) + 1);

  const candidates = new Map<string, CdRecord>();
  for (const r of records) {
    if (rules.danglingOnly && !isDangling(r)) continue;
    if (rules.createdBefore) {
      const old = rules.createdBefore(r);
      if (old === false || (old === null && !includeUnknown)) continue;
    }
    if (!labelsMatchContainerd(rules.labels, model.facts.get(r.target)?.labels ?? {})) continue;
    candidates.set(r.name, r);
  }

  const usedDigests = new Set<string>();
  for (const ctr of model.containers) {
    candidates.delete(danglingName(ctr.imageId));
    // A container created by ID marks the image used; one created by name keeps that name.
    const normalized = `sha256:${ctr.configImage.replace(/^sha256:/, '')}`;
    if (ctr.imageId.startsWith(normalized)) {
      usedDigests.add(ctr.imageId);
      continue;
    }
    const named = parseNamed(ctr.configImage);
    if (named) candidates.delete(named.full);
  }

  for (const r of candidates.values()) {
    const left = (refCount.get(r.target) ?? 0) - 1;
    refCount.set(r.target, left);
    if (left === 0 && usedDigests.has(r.target)) model.createRecord({ name: danglingName(r.target), target: r.target, parent: r.parent });
  }

  // The engine walks its candidates in map order; the end state and the total are the same in any
  // order. Content two pruned images share is credited to the one further down (the base): images
  // built on others go first, deepest first, then the newest.
  const byTarget = new Map<string, CdRecord[]>();
  for (const r of candidates.values()) byTarget.set(r.target, [...(byTarget.get(r.target) ?? []), r]);
  const depth = (t: string) => {
    let d = 0;
    for (let p = before.images.get(t)?.parent; p && d < 1000; p = before.images.get(p)?.parent) d++;
    return d;
  };
  const order = [...byTarget.keys()].sort((a, b) => depth(b) - depth(a) || (before.facts.get(b)?.created ?? 0) - (before.facts.get(a)?.created ?? 0));

  const plan = new PlanBuilder(before, 'content');
  for (const target of order) {
    const group: DeleteRecord[] = [];
    for (const r of byTarget.get(target)!) {
      model.deleteRecord(r.name);
      group.push({ untagged: familiarName(r) });
    }
    const freed = model.collectGarbage(new Set([target]));
    if (!model.recordsOf(target).length) group.push({ deleted: target });
    plan.add([...group, ...freed]);
  }
  return { plan: plan.build(command, model), contentUnknown: model.contentUnknown, unknownBytes: model.unknownBytes };
}

/** The preview, exact where the store's API allows it and a stated range where it does not. */
export function simulateContainerdPrune(before: ContainerdModel, rules: ContainerdPruneRules, command: string): RemovalPlan {
  const widest = run(before, rules, command, true);
  const narrowest = rules.createdBefore ? run(before, rules, command, false) : widest;
  const plan = widest.plan;
  const names = (p: RemovalPlan) => new Set([...p.images.flatMap((i) => i.tags), ...p.untagOnly.map((u) => u.ref)]);
  const narrowImages = new Set(narrowest.plan.images.map((i) => i.id));
  const narrowNames = names(narrowest.plan);
  const maybeImages = plan.images.map((i) => i.id).filter((id) => !narrowImages.has(id));
  const maybeRefs = [...names(plan)].filter((n) => !narrowNames.has(n));
  if (maybeImages.length > 0 || maybeRefs.length > 0) {
    plan.uncertainty = { reason: 'tag-time', minBytes: narrowest.plan.totalBytes, maxBytes: plan.totalBytes, maybeImages, maybeRefs };
  } else if (widest.contentUnknown) {
    plan.uncertainty = { reason: 'content-unknown', minBytes: plan.totalBytes, maxBytes: plan.totalBytes + widest.unknownBytes, maybeImages: [], maybeRefs: [] };
  }
  return plan;
}

import { labelsMatch } from '../../../../shared/prune-filters';
import { parseReference } from '../../../../shared/reference';
import type { RemovalPlan } from '../../../../shared/removal-types';
import type { ModelImage } from '../image-graph';
import { PlanBuilder } from '../plan-builder';
import type { PruneRules } from '../prune-rules';
import type { EngineModel } from './engine-model';

const fullName = (text: string) => {
  const parsed = parseReference(text);
  return parsed.ok ? parsed.ref.full : text;
};
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function heads(model: EngineModel): ModelImage[] {
  const parents = new Set([...model.images.values()].map((i) => i.parent));
  return [...model.images.values()].filter((i) => !parents.has(i.id));
}

/** `docker image prune` on a copy of the model: the images, tags and layers the engine will remove. */
export function simulatePrune(before: EngineModel, rules: PruneRules, command: string): RemovalPlan {
  const model = before.clone();
  const candidates = (rules.danglingOnly ? heads(model) : [...model.images.values()]).filter((image) => {
    if (image.refs.length === 0 && model.children(image.id).length > 0) return false;
    if (rules.until !== null && image.created / 1000 > rules.until) return false;
    return labelsMatch(rules.labels, image.labels);
  });
  // Newest first; the engine walks a map in random order, which reaches the same end state.
  candidates.sort((a, b) => b.created - a.created);
  const plan = new PlanBuilder(before, 'layers');
  for (const { id } of candidates) {
    const image = model.images.get(id);
    if (!image) continue;
    if (image.refs.length === 0) {
      const result = model.deleteImage(id.replace(/^sha256:/, ''), false, true);
      if (result.ok) plan.add(result.records);
      continue;
    }
    // Dangling-only prune spares anything with a tag; digest-only references still go.
    if (rules.danglingOnly && image.refs.some((r) => r.tagged)) continue;
    // The reference store hands them over sorted by full name (127.0.0.1:5000/… before docker.io/…),
    // and that order decides which name a container's image keeps.
    for (const ref of [...image.refs].sort((a, b) => compareText(fullName(a.text), fullName(b.text)))) {
      const result = model.deleteImage(ref.text, false, true);
      if (result.ok) plan.add(result.records);
    }
  }
  return plan.build(command, model);
}

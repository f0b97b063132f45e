import { FIXTURES } from '../../../scripts/test-env/fixture-names.mjs';
import type { ImageSummary } from '../../../shared/image-types';
import type { PruneResult, RemovalPlan, RemovalReport } from '../../../shared/removal-types';
import type { Backend } from '../backend';
import { dockerCli, valueOf } from './backend-harness';
import { buildImage } from './build-image';
import type { TestEngine } from './test-env';
import { seededRandom } from '../../../scripts/test-env/seeded-random.mjs';

/**
 * A differential test of removal and prune previews: build a random image graph on a real engine,
 * ask for the preview, do the real operation, and compare. Seeded, so a disagreement can be replayed.
 */

export type OperationKind = 'rmi' | 'rmi -f' | 'rmi by digest' | 'prune' | 'prune -a' | 'prune until';

export interface RoundResult {
  seed: number;
  kind: OperationKind;
  agreed: boolean;
  /** The preview gave a range (the store hides something it depends on) and the result fell inside. */
  ranged: boolean;
  description: string;
  differences: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const debug = process.env.STEVEDORE_DIFF_DEBUG === '1';

interface Layout {
  ids: string[];
  tags: string[];
  digests: string[];
  /** A cut-off between the two build phases (Unix seconds), for `until`. */
  midpoint: number;
  label: string;
}

const SIZES = [0, 1_000, 200_000, 1_000_000];

function tryCli(engine: TestEngine, ...args: string[]): string | null {
  try {
    return dockerCli(engine, ...args);
  } catch {
    return null;
  }
}

/** Removes whatever earlier rounds left: our containers first, then every image with our label. */
export function cleanRound(engine: TestEngine): void {
  const containers = tryCli(engine, 'ps', '-aq', '--filter', 'name=diff-')?.split('\n').filter(Boolean) ?? [];
  if (containers.length) tryCli(engine, 'rm', '-f', ...containers);
  for (let pass = 0; pass < 3; pass++) {
    const images = tryCli(engine, 'images', '-aq', '--no-trunc', '--filter', 'label=stevedore.diff')?.split('\n').filter(Boolean) ?? [];
    if (images.length === 0) break;
    for (const id of new Set(images)) tryCli(engine, 'rmi', '-f', id);
  }
}

async function buildLayout(engine: TestEngine, rnd: () => number, seed: number, registry: string): Promise<Layout> {
  const label = `stevedore.diff=r${seed}`;
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const layout: Layout = { ids: [], tags: [], digests: [], midpoint: 0, label };
  const count = 3 + Math.floor(rnd() * 4);
  for (let i = 0; i < count; i++) {
    if (i === Math.floor(count / 2)) {
      // A gap of whole seconds between the phases, so `until` can split them.
      await sleep(1100);
      layout.midpoint = Math.floor(Date.now() / 1000);
      await sleep(1100);
    }
    const parent = layout.tags.length > 0 && rnd() < 0.6 ? pick(layout.tags) : FIXTURES.base;
    const lines = [`FROM ${parent}`, `LABEL stevedore.diff=r${seed}`];
    const steps = 1 + Math.floor(rnd() * 3);
    for (let k = 0; k < steps; k++) {
      const r = rnd();
      if (r < 0.45) lines.push(`RUN head -c ${pick(SIZES)} /dev/urandom > /f${i}_${k}`);
      else if (r < 0.6) lines.push(`WORKDIR /w${i}_${k}`);
      else if (r < 0.75) lines.push(`ENV V${i}_${k}=${Math.floor(rnd() * 1000)}`);
      else if (r < 0.9) lines.push(`LABEL stevedore.k${k}=v${Math.floor(rnd() * 3)}`);
      else lines.push(`RUN rm -f /f${Math.max(0, i - 1)}_0`);
    }
    const tag = `diff/r${seed}-${pick(['a', 'b', 'c'])}:t${i}`;
    const id = buildImage(engine, tag, lines);
    layout.ids.push(id);
    layout.tags.push(tag);
    // The same tag built again leaves the first image dangling.
    if (rnd() < 0.2) {
      layout.ids.push(buildImage(engine, tag, [...lines, `LABEL stevedore.again=${i}`]));
    }
    // More names for the same image, in this repository and others.
    for (let n = 0; n < Math.floor(rnd() * 3); n++) {
      const extra = rnd() < 0.3 ? `${registry}/diff/r${seed}:e${i}_${n}` : `diff/r${seed}-${pick(['a', 'b', 'x'])}:e${i}_${n}`;
      dockerCli(engine, 'tag', tag, extra);
      layout.tags.push(extra);
      if (extra.startsWith(registry) && rnd() < 0.6) {
        dockerCli(engine, 'push', extra);
        const digests = JSON.parse(dockerCli(engine, 'image', 'inspect', '--format', '{{json .RepoDigests}}', extra)) as string[];
        const digest = digests.find((d) => d.startsWith(`${registry}/diff/r${seed}@`));
        if (digest) {
          layout.digests.push(digest);
          // Pulling by digest makes a digest name of its own on the containerd store.
          if (rnd() < 0.5) tryCli(engine, 'pull', '-q', digest);
        }
      }
    }
  }
  // Containers from a name or an ID, stopped or running.
  for (let c = 0; c < Math.floor(rnd() * 3); c++) {
    const from = rnd() < 0.5 ? pick(layout.tags) : pick(layout.ids).slice(7, 19);
    const name = `diff-r${seed}-${c}`;
    if (rnd() < 0.3) tryCli(engine, 'run', '-d', '--name', name, '--network', 'none', from, 'sleep', '600');
    else tryCli(engine, 'create', '--name', name, '--network', 'none', from);
  }
  return layout;
}

function compareRemoval(preview: RemovalPlan, { outcomes, freed }: RemovalReport): string[] {
  const diffs: string[] = [];
  const previewed = new Set(preview.images.map((i) => i.id));
  const deleted = new Set(outcomes.flatMap((o) => o.deleted));
  for (const id of deleted) if (!previewed.has(id)) diffs.push(`deleted, not previewed: ${id.slice(7, 19)}`);
  for (const id of previewed) if (!deleted.has(id)) diffs.push(`previewed deleted, kept: ${id.slice(7, 19)}`);
  const names = new Set([...preview.images.flatMap((i) => i.tags), ...preview.untagOnly.map((u) => u.ref)]);
  const untagged = new Set(outcomes.flatMap((o) => o.untagged));
  for (const n of untagged) if (!names.has(n)) diffs.push(`untagged, not previewed: ${n}`);
  for (const n of names) if (!untagged.has(n)) diffs.push(`previewed untag, kept: ${n}`);
  const refused = new Set(outcomes.filter((o) => o.conflict).map((o) => o.target));
  const previewedRefusals = new Set(preview.conflicts.map((c) => c.target));
  for (const t of refused) if (!previewedRefusals.has(t)) diffs.push(`refused, not previewed: ${t}`);
  for (const t of previewedRefusals) if (!refused.has(t)) diffs.push(`previewed refusal, went ahead: ${t}`);
  const min = preview.uncertainty?.minBytes ?? preview.totalBytes;
  const max = preview.uncertainty?.maxBytes ?? preview.totalBytes;
  if (!freed) diffs.push('freed bytes could not be measured');
  else if (freed.bytes < min || freed.bytes > max) diffs.push(`bytes: previewed ${preview.totalBytes}, freed ${freed.bytes} (${freed.source})`);
  return diffs;
}

/** One round: a fresh random layout, one operation previewed and then done. */
export async function runRound(engine: TestEngine, backend: Backend, seed: number, registry: string): Promise<RoundResult> {
  const rnd = seededRandom(seed);
  cleanRound(engine);
  const layout = await buildLayout(engine, rnd, seed, registry);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  try {
    if (rnd() < 0.5) {
      const force = rnd() < 0.3;
      const useDigest = layout.digests.length > 0 && rnd() < 0.3;
      const targets = new Set<string>();
      for (let t = 0; t < 1 + Math.floor(rnd() * 3); t++) {
        const r = rnd();
        if (useDigest && t === 0) targets.add(pick(layout.digests));
        else if (r < 0.55) targets.add(pick(layout.tags));
        else if (r < 0.8) targets.add(pick(layout.ids).slice(7, 19));
        else targets.add(pick(layout.ids));
      }
      const list = [...targets];
      const before = debug
        ? valueOf<ImageSummary[]>(await backend.call('images.list', { all: true }))
            .filter((i) => i.labels['stevedore.diff'] === `r${seed}`)
            .map((i) => `${i.id.slice(7, 19)} parent ${i.parentId.slice(7, 19)} ${i.repoTags.join(',')} ${i.repoDigests.join(',')}`)
        : [];
      const preview = valueOf<RemovalPlan>(await backend.call('images.removalPlan', { selection: { kind: 'refs', refs: list }, force }));
      const report = valueOf<RemovalReport>(await backend.call('images.remove', { targets: list, force }));
      const outcomes = report.outcomes;
      if (debug) console.log(JSON.stringify({ before, containers: dockerCli(engine, 'ps', '-a', '--format', '{{.Names}} {{.Image}} {{.State}}'), preview: { images: preview.images, untagOnly: preview.untagOnly, conflicts: preview.conflicts.map((c) => [c.target, c.kind]) }, outcomes }, null, 1));
      const differences = compareRemoval(preview, report);
      const kind: OperationKind = useDigest ? 'rmi by digest' : force ? 'rmi -f' : 'rmi';
      return { seed, kind, agreed: differences.length === 0, ranged: false, description: `docker rmi ${force ? '-f ' : ''}${list.join(' ')}`, differences };
    }
    const all = rnd() < 0.6;
    const until = rnd() < 0.3 ? String(layout.midpoint) : undefined;
    const filters = { all, labels: [`label=${layout.label}`], ...(until ? { until } : {}) };
    const preview = valueOf<RemovalPlan & { untilTimestamp: number | null }>(await backend.call('images.prunePlan', filters));
    const result = valueOf<PruneResult>(await backend.call('images.prune', { filters, untilTimestamp: preview.untilTimestamp }));
    const differences = result.differences.map((d) => `${d.kind}: ${d.subject.slice(0, 40)}${d.kind === 'space' ? ` previewed ${d.previewedBytes}, reported ${d.reportedBytes}` : ''}`);
    const kind: OperationKind = until ? 'prune until' : all ? 'prune -a' : 'prune';
    return { seed, kind, agreed: differences.length === 0, ranged: preview.uncertainty !== undefined, description: preview.command, differences };
  } finally {
    cleanRound(engine);
  }
}

/** "prune -a: 12/12 (2 ranged)" per kind, for the closing note and the test log. */
export function summarise(results: RoundResult[]): string {
  const kinds = [...new Set(results.map((r) => r.kind))].sort();
  return kinds
    .map((k) => {
      const of = results.filter((r) => r.kind === k);
      const ranged = of.filter((r) => r.ranged).length;
      return `${k}: ${of.filter((r) => r.agreed).length}/${of.length}${ranged ? ` (${ranged} as a range)` : ''}`;
    })
    .join('; ');
}

import type { ContainerBrief } from '../../../shared/removal-types';

/**
 * What both image stores' models expose to the plan builder and the conflict explanations: images
 * with their names, parents and containers. Each store's own rules (legacy/, containerd/) mutate
 * their model; everything downstream reads it through this view.
 */

export interface ModelRef {
  /** As the engine prints it: nginx:latest, reg:5000/app@sha256:… */
  text: string;
  name: string;
  tagged: boolean;
}

export interface ModelImage {
  id: string;
  parent: string;
  refs: ModelRef[];
  /** Milliseconds. */
  created: number;
  size: number;
  labels: Record<string, string>;
  /** Legacy store: chain ID of the image's top layer; null for an image without layers (or on containerd). */
  topChain: string | null;
}

/** Containers hold their image exactly as the UI lists them. */
export type ModelContainer = ContainerBrief;

/**
 * One step of a simulated operation, in the engine's vocabulary. `deleted` names an image or (legacy)
 * a layer chain ID; `freed` is a storage unit with its bytes (containerd content blobs); `keptUntagged`
 * says the engine reports an image as deleted while it stays as an untagged image (containerd keeps an
 * image other images are built on).
 */
export type DeleteRecord = { untagged: string } | { deleted: string } | { freed: string; size: number } | { keptUntagged: string };

export interface ModelConflict {
  kind: 'child-images' | 'running-container' | 'multiple-repositories' | 'stopped-container' | 'container-using-reference';
  hard: boolean;
  /** A container was involved: quiet parent pruning never reports these. */
  used: boolean;
  imageId: string;
  containerId?: string;
  message: string;
}

export type DeleteResult = { ok: true; records: DeleteRecord[] } | { ok: false; conflict: ModelConflict } | { ok: false; notFound: string };

export interface ImageGraph {
  readonly images: ReadonlyMap<string, ModelImage>;
  readonly containers: readonly ModelContainer[];
  children(id: string): ModelImage[];
  containersOf(id: string): ModelContainer[];
  /** The engine's lookup of a name or ID, or null when it finds nothing (or finds several). */
  resolve(input: string): ModelImage | null;
  /** Bytes of a storage unit a `deleted` record names (legacy layers); undefined for images. */
  unitSize(id: string): number | undefined;
}


export function toModelRef(text: string): ModelRef {
  const at = text.indexOf('@');
  if (at >= 0) return { text, name: text.slice(0, at), tagged: false };
  const colon = text.lastIndexOf(':');
  return { text, name: colon > text.lastIndexOf('/') ? text.slice(0, colon) : text, tagged: true };
}

/** An image's tags and digests as the engine lists them, without its `<none>` placeholders. */
export function modelRefs(image: { RepoTags?: string[] | null; RepoDigests?: string[] | null }): ModelRef[] {
  return [...(image.RepoTags ?? []), ...(image.RepoDigests ?? [])].filter((r) => !r.startsWith('<none>')).map(toModelRef);
}

export function isIdPrefix(id: string, input: string): boolean {
  return id.startsWith(input) || id.slice(id.indexOf(':') + 1).startsWith(input);
}

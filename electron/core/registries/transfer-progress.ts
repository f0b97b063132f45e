import type { LayerProgress, LayerState, TransferProgress } from '../../../shared/registry-types';

/** One object of the engine's pull or push stream. */
export interface TransferMessage {
  status?: string;
  id?: string;
  progressDetail?: { current?: number; total?: number };
  error?: string;
  errorDetail?: { message?: string };
  aux?: { Tag?: string; Digest?: string; Size?: number };
}

/** A registry's answer can name at most this many layers; past it the engine (or a hostile registry) is not believed. */
const MAX_LAYERS = 1000;

/** The engine's per-layer words, on both stores, to our states. Lines not listed here are not about a layer. */
const STATES: [RegExp, LayerState][] = [
  [/^Pulling fs layer$/i, 'waiting'],
  [/^Waiting$/i, 'waiting'],
  [/^Downloading$/i, 'downloading'],
  [/^Verifying Checksum$/i, 'verifying'],
  [/^Download complete$/i, 'downloaded'],
  [/^Extracting$/i, 'extracting'],
  [/^Pull complete$/i, 'done'],
  [/^Already exists$/i, 'exists'],
  [/^Preparing$/i, 'preparing'],
  [/^Pushing$/i, 'pushing'],
  [/^Pushed$/i, 'pushed'],
  [/^Layer already exists$/i, 'exists'],
  [/^Mounted from /i, 'mounted'],
];

const count = (n: unknown): number | null => (typeof n === 'number' && Number.isFinite(n) && n >= 0 ? Math.min(n, Number.MAX_SAFE_INTEGER) : null);

/** The engine's layer IDs are hex; anything else is shown shortened, never trusted as markup or a path. */
const layerId = (id: string): string => id.slice(0, 80);

/**
 * Folds one message into the progress. Pure: the same messages give the same progress whatever
 * arrives (unknown words, numbers out of range, a flood of layer IDs) without throwing.
 */
export function applyMessage(progress: TransferProgress, message: TransferMessage): TransferProgress {
  const status = typeof message.status === 'string' ? message.status.slice(0, 500) : null;
  if (status === null) return progress;
  const state = STATES.find(([pattern]) => pattern.test(status))?.[1];
  const id = typeof message.id === 'string' ? layerId(message.id) : null;
  if (!state || id === null) return { ...progress, status };
  const layers = [...progress.layers];
  let at = layers.findIndex((l) => l.id === id);
  if (at < 0) {
    if (layers.length >= MAX_LAYERS) return progress;
    at = layers.push({ id, state, current: 0, total: null }) - 1;
  }
  const before = layers[at]!;
  const detail = message.progressDetail ?? {};
  const total = count(detail.total) ?? before.total;
  const moving = state === 'downloading' || state === 'pushing';
  let current = moving ? (count(detail.current) ?? before.current) : before.current;
  // A finished transfer moved the whole layer, whether or not the last byte count was sent.
  if ((state === 'downloaded' || state === 'extracting' || state === 'done' || state === 'pushed') && total !== null) current = total;
  if (total !== null) current = Math.min(current, total);
  layers[at] = { id, state, current, total };
  return summed({ ...progress, layers });
}

function summed(progress: TransferProgress): TransferProgress {
  let bytes = 0;
  let total = 0;
  let known = false;
  for (const l of progress.layers) {
    // Layers the registry or the engine already had move no bytes: they do not count toward the total.
    if (l.state === 'exists' || l.state === 'mounted') continue;
    bytes += l.current;
    if (l.total !== null) known = true;
    // A layer whose size is not known yet counts what it has moved, so the sum never passes the total.
    total += l.total ?? l.current;
  }
  return { ...progress, bytes, total: known ? total : null };
}

export const startProgress = (reference: string): TransferProgress => ({ reference, layers: [], bytes: 0, total: null, status: null });

export function layerCounts(layers: readonly LayerProgress[]): { reused: number; moved: number } {
  const reused = layers.filter((l) => l.state === 'exists' || l.state === 'mounted').length;
  return { reused, moved: layers.length - reused };
}

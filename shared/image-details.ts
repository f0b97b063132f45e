import type { HistoryEntry, ImageDetails, JsonValue } from './image-types';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const strsOrNull = (v: unknown): string[] | null => (Array.isArray(v) ? strs(v) : null);

/** The facts the Overview shows, read defensively from an inspect document of any API version. */
export function toImageDetails(raw: JsonValue): ImageDetails {
  const doc = obj(raw);
  const config = obj(doc.Config);
  // fromEntries defines each key as data, so a label named __proto__ stays a label.
  const labels: Record<string, string> = Object.fromEntries(Object.entries(obj(config.Labels)).map(([k, v]) => [k, str(v)]));
  return {
    id: str(doc.Id),
    repoTags: strs(doc.RepoTags),
    repoDigests: strs(doc.RepoDigests),
    parent: str(doc.Parent),
    created: str(doc.Created),
    size: typeof doc.Size === 'number' ? doc.Size : 0,
    architecture: str(doc.Architecture),
    variant: str(doc.Variant),
    os: str(doc.Os),
    author: str(doc.Author),
    dockerVersion: str(doc.DockerVersion),
    cmd: strsOrNull(config.Cmd),
    entrypoint: strsOrNull(config.Entrypoint),
    env: strs(config.Env),
    exposedPorts: Object.keys(obj(config.ExposedPorts)).sort(),
    workingDir: str(config.WorkingDir),
    user: str(config.User),
    labels,
    layers: strs(obj(doc.RootFS).Layers),
    raw,
  };
}

/** One `docker history` entry as the API gave it; whether it made a layer is decided with the image's layers (history-layers). */
export function toHistoryEntry(item: Obj): Omit<HistoryEntry, 'emptyLayer'> {
  return {
    id: str(item.Id) || '<missing>',
    created: typeof item.Created === 'number' ? item.Created : 0,
    createdBy: str(item.CreatedBy),
    size: typeof item.Size === 'number' ? item.Size : 0,
    comment: str(item.Comment),
    tags: strs(item.Tags),
  };
}

/** What an image archive (`docker save` output, legacy or OCI layout) holds, read before loading it. */

export type ArchiveCompression = 'none' | 'gzip' | 'zstd';

/** `docker`: manifest.json (20.10 and earlier); `oci`: index.json + blobs/ (containerd store); both: 25+. */
export type ArchiveLayout = 'docker' | 'oci' | 'docker+oci';

export interface ArchiveImage {
  /** Config digest (`sha256:…`): the image ID on the legacy store. */
  configDigest: string;
  /** Manifest or index digest where the archive has one (OCI): the image ID on the containerd store. */
  targetDigest: string | null;
  /** Names as the archive gives them, normalised to the familiar form (`nginx:1.27`). */
  tags: string[];
  /** `linux/amd64`, `linux/arm64/v8`, … (one entry for a single-platform image). */
  platforms: string[];
  layers: number;
  /** Sum of the layer entries' sizes in the archive (compressed where the layers are). */
  layerBytes: number;
}

export interface ArchiveContents {
  compression: ArchiveCompression;
  layout: ArchiveLayout;
  images: ArchiveImage[];
  /** Bytes of the archive's tar stream after decompression. */
  tarBytes: number;
}

/** How a name in the archive relates to what the engine already has. */
export type TagFate = 'new' | 'same' | 'replaces' | 'exists';

export interface ArchiveTagFate {
  tag: string;
  fate: TagFate;
  /** The local image the name points to now (for `same`, `replaces`, `exists`). */
  currentId?: string;
}

export interface ArchivePreview extends ArchiveContents {
  /** The file's own name, for messages ("nginx.tar holds …"). */
  fileName: string;
  fileBytes: number;
  tagFates: ArchiveTagFate[];
}

export interface ByteProgress {
  /** Bytes moved so far, counted on our side. */
  bytes: number;
  /** Total bytes when known; `estimated` says it is a guess (the engine sends none for save). */
  total: number | null;
  estimated: boolean;
  /** What is happening now, for the Tasks panel. */
  phase: 'reading' | 'writing' | 'engine' | 'finishing';
}

export interface SaveResult {
  path: string;
  bytes: number;
  gzip: boolean;
  /** The platforms the archive holds, read from what was written (null where the layout does not say). */
  platforms: string[];
  images: number;
}

export interface LoadedImage {
  /** `name:tag` as the engine reported it; null for an image loaded by ID only. */
  name: string | null;
  id: string;
}

export interface LoadResult {
  loaded: LoadedImage[];
  bytes: number;
}

export interface ImportResult {
  id: string;
  name: string | null;
}

export interface ExportResult {
  path: string;
  bytes: number;
}

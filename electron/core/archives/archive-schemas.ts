import * as z from 'zod';

/** Docker writes sha256 only; a blob under any other algorithm is refused as a shape it does not write. */
export const Digest = z.string().regex(/^sha256:[a-f0-9]{64}$/, 'a digest is sha256: followed by 64 lowercase hexadecimal characters');

const Short = z.string().max(256);

export const Platform = z.object({ os: Short, architecture: Short, variant: Short.optional() });

export const Descriptor = z.object({
  mediaType: Short.optional(),
  digest: Digest,
  size: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  annotations: z.record(z.string(), z.string()).optional(),
  platform: Platform.optional(),
});
export type Descriptor = z.infer<typeof Descriptor>;

/** index.json and image indexes (OCI) or manifest lists (Docker schema 2). */
export const ImageIndex = z.object({ mediaType: Short.optional(), manifests: z.array(Descriptor) });
export type ImageIndex = z.infer<typeof ImageIndex>;

export const ImageManifest = z.object({ mediaType: Short.optional(), config: Descriptor, layers: z.array(Descriptor) });
export type ImageManifest = z.infer<typeof ImageManifest>;

/** The fields of an image config that a preview reads; the rest is the engine's business. */
export const ImageConfig = z.object({
  architecture: Short.optional(),
  os: Short.optional(),
  variant: Short.optional(),
  rootfs: z.object({ diff_ids: z.array(z.string()) }).optional(),
});
export type ImageConfig = z.infer<typeof ImageConfig>;

/** manifest.json of `docker save` (every engine writes it; 25+ beside index.json). */
export const DockerManifest = z.array(
  z.object({
    Config: z.string().min(1),
    RepoTags: z.array(z.string()).nullable().optional(),
    Layers: z.array(z.string()),
  }),
);
export type DockerManifest = z.infer<typeof DockerManifest>;

export const INDEX_MEDIA_TYPES = new Set(['application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json']);
export const MANIFEST_MEDIA_TYPES = new Set(['application/vnd.oci.image.manifest.v1+json', 'application/vnd.docker.distribution.manifest.v2+json']);

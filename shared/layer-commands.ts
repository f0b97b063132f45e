import { shellWord } from './removal-selection';

/** The docker command behind reading an image's layers (the Tasks title, and the hint beside the view): the archive's entries; each layer inside is a tar of its own (`tar -xOf … LAYER | tar -tv` lists one). */
export const layerListCommand = (ref: string): string => `docker save ${shellWord(ref)} | tar -t`;

/** The engine's own per-image shared and unique sizes, which the layer-sharing view recounts. */
export const SHARING_COMMAND = 'docker system df -v';

import { shellWord } from './removal-selection';

/** The docker commands behind the layer views, shown beside them and as the Tasks title. */
export const historyCommand = (ref: string): string => `docker history --no-trunc ${shellWord(ref)}`;

/** The archive's entries; each layer inside is a tar of its own (`tar -xOf … LAYER | tar -tv` lists one). */
export const layerListCommand = (ref: string): string => `docker save ${shellWord(ref)} | tar -t`;

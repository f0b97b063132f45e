import { BackendError } from '../../../shared/errors';

/**
 * What is wrong with an archive, said before the file's name is known: the tar walk and the layout
 * readers do not carry the name around, and the caller words the message once it has it.
 */
export class ArchiveProblem extends Error {
  /** The catalog key (problems.archive.<key>) and values that translate the message; set by `problems`. */
  key: string | null = null;
  values: Record<string, string> = {};

  constructor(
    private readonly words: (file: string) => string,
    readonly hint: string,
    readonly detail?: string,
  ) {
    super(words('the archive'));
    this.name = 'ArchiveProblem';
  }

  toBackendError(fileName: string): BackendError {
    const error = new BackendError('INVALID_ARGUMENT', this.words(fileName), this.hint, this.detail);
    return this.key ? error.translatedAs(`archive.${this.key}`, { ...this.values, file: fileName }) : error;
  }
}

const COPY_AGAIN = 'Copy or download the file again, then retry.';
const CHOOSE_SAVED = 'Choose a file written by docker save (a .tar, .tar.gz or .tar.zst).';
const SAVE_AGAIN = 'Save the image again with docker save and load that file.';

/** sha256:3f2a9c1b7d4e… — enough to tell blobs apart in a message without a 71-character run. */
export function shortDigest(digest: string): string {
  return digest.replace(/\b([a-f0-9]{12})[a-f0-9]{52}\b/g, '$1…');
}

/** 3f2a9c1b7d4e…/layer.tar; very long names are cut so a hostile one cannot flood the message. */
export function shortPath(path: string): string {
  const short = shortDigest(path);
  return short.length > 120 ? `${short.slice(0, 120)}…` : short;
}

function sizeText(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  if (mib >= 1024) return `${+(mib / 1024).toFixed(1)} GiB`;
  return mib >= 1 ? `${+mib.toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

const keyed = (problem: ArchiveProblem, key: string, values: Record<string, string> = {}): ArchiveProblem => {
  problem.key = key;
  problem.values = values;
  return problem;
};

export const problems = {
  empty: () => keyed(new ArchiveProblem((f) => `${f} is empty: it holds no data.`, `${CHOOSE_SAVED} If it was copied, copy it again.`), 'empty'),

  notTar: (compression: 'none' | 'gzip' | 'zstd') => keyed(new ArchiveProblem(
      (f) => (compression === 'none' ? `${f} is not an image archive: it is not a tar file.` : `${f} is not an image archive: it is ${compression}-compressed, but what it holds is not a tar file.`),
      CHOOSE_SAVED,
    ), 'notTar', { compression }),

  cutShort: (where: 'entry' | 'header' | 'end-marker', offset: number) => keyed(new ArchiveProblem(
      (f) =>
        where === 'entry'
          ? `${f} is cut short: the file ends in the middle of an entry (was the copy complete?).`
          : where === 'header'
            ? `${f} is cut short: the file ends in the middle of an entry header (was the copy complete?).`
            : `${f} is cut short: the file ends before the archive's end marker (was the copy complete?).`,
      COPY_AGAIN,
      `tar stream ends at byte ${offset}`,
    ), 'cutShort', {}),

  badHeader: (offset: number, detail: string) =>
    keyed(new ArchiveProblem((f) => `${f} is damaged: the tar entry header at byte ${offset} is corrupt.`, COPY_AGAIN, detail), 'damaged'),

  compressionCorrupt: (format: 'gzip' | 'zstd', detail: string) => keyed(new ArchiveProblem((f) => `${f} is damaged: its ${format} data is corrupt.`, COPY_AGAIN, detail), 'compressionCorrupt', { format }),

  compressionCutShort: (format: 'gzip' | 'zstd', detail: string) => keyed(new ArchiveProblem((f) => `${f} is cut short: its ${format} data ends early (was the copy complete?).`, COPY_AGAIN, detail), 'cutShort', {}),

  zstdWindow: (windowBytes: number, limitBytes: number) =>
    new ArchiveProblem(
      (f) => `${f} needs too much memory to decompress: its zstd window is ${sizeText(windowBytes)}, and Stevedore allows ${sizeText(limitBytes)} (as zstd -d does by default).`,
      'Decompress it first (zstd -d --memory=…) and choose the .tar, or recompress it without --long.',
    ),

  zstdDictionary: () =>
    new ArchiveProblem((f) => `${f} cannot be decompressed: its zstd data needs a dictionary.`, 'Decompress it with its dictionary first (zstd -d -D …) and choose the .tar.'),

  unsafeName: (name: string) => keyed(new ArchiveProblem(
      (f) => `${f} is not a safe archive: the entry "${shortPath(name)}" points outside it.`,
      'docker save never writes such a name: do not load this file; ask whoever sent it for a fresh docker save.',
    ), 'unsafe', { name: shortPath(name) }),

  noImages: () => keyed(new ArchiveProblem(
      (f) => `${f} holds no images: it has neither manifest.json nor index.json — is it a filesystem export? Use Import for those.`,
      'A tar written by docker export (or any tar of files) becomes an image with Import; Load reads only docker save output.',
    ), 'noImages', {}),

  emptyList: (lists: string[]) => keyed(new ArchiveProblem((f) => `${f} holds no images: its ${lists.join(' and ')} ${lists.length === 1 ? 'lists' : 'list'} none.`, SAVE_AGAIN), 'emptyList', {}),

  tooManyEntries: (limit: number) =>
    new ArchiveProblem((f) => `${f} has more than ${limit.toLocaleString('en-US')} entries, far more than an image archive holds.`, CHOOSE_SAVED),

  tooMuchJson: (limitBytes: number) =>
    new ArchiveProblem(
      (f) => `${f} has more than ${sizeText(limitBytes)} of small JSON entries, far more than an image archive holds.`,
      CHOOSE_SAVED,
    ),

  notJson: (what: string, detail: string) => keyed(new ArchiveProblem((f) => `${f} is damaged: its ${shortPath(what)} is not valid JSON.`, SAVE_AGAIN, detail), 'damaged'),

  wrongShape: (what: string, detail: string) => keyed(new ArchiveProblem((f) => `${f} is damaged: its ${shortPath(what)} does not have the shape docker save writes.`, SAVE_AGAIN, detail), 'damaged', {}),

  tooLarge: (what: string, bytes: number, limitBytes: number) =>
    new ArchiveProblem(
      (f) => `${f} names ${shortPath(what)} of ${sizeText(bytes)}; Stevedore reads such files up to ${sizeText(limitBytes)}.`,
      'Load the archive without a preview (docker load -i …).',
    ),

  missing: (kind: 'layer' | 'config' | 'image', name: string) => keyed(new ArchiveProblem(
      (f) => `${f} names ${kind} ${shortPath(name)}, which is not in the file.`,
      `The archive is incomplete: ${SAVE_AGAIN.charAt(0).toLowerCase()}${SAVE_AGAIN.slice(1)}`,
    ), 'missing', { kind, name: shortPath(name) }),

  noCompletePlatform: (image: string) => keyed(new ArchiveProblem(
      (f) => `${f} names image ${shortPath(image)}, but the file holds the layers of none of its platforms.`,
      'Save it again on an engine that holds the image, or with docker save --platform for the platform it has.',
    ), 'noCompletePlatform', {}),

  digestMismatch: (what: string) => keyed(new ArchiveProblem((f) => `${f} is damaged: the content of ${shortPath(what)} does not match its digest.`, COPY_AGAIN), 'damaged'),

  sizeMismatch: (what: string, actual: number, declared: number) => keyed(new ArchiveProblem(
      (f) => `${f} is damaged: ${shortPath(what)} is ${actual.toLocaleString('en-US')} bytes, but its manifest says ${declared.toLocaleString('en-US')}.`,
      COPY_AGAIN,
    ), 'damaged', {}),

  layerCountMismatch: (config: string, listed: number, expected: number) => keyed(new ArchiveProblem(
      (f) => `${f} is damaged: it lists ${listed} layer${listed === 1 ? '' : 's'} for config ${shortPath(config)}, which expects ${expected}.`,
      SAVE_AGAIN,
    ), 'damaged', {}),

  tooDeep: () => new ArchiveProblem((f) => `${f} is damaged: its image indexes nest too deeply or refer to each other.`, SAVE_AGAIN),
};

import type { ArchiveImage, ArchiveLayout } from '../../../shared/archive-types';
import { problems } from './archive-problems';
import { readDockerManifest } from './docker-layout';
import { mergeImages, toArchiveImage } from './found-image';
import { readOciIndex } from './oci-layout';
import { TAR_WALK_LIMITS, type TarScan } from './tar-walk';

/** What the archive holds, from the entries one pass remembered; throws an ArchiveProblem when it cannot be loaded. */
export function describeArchive(scan: TarScan): { layout: ArchiveLayout; images: ArchiveImage[] } {
  const hasManifest = scan.entries.has('manifest.json');
  const hasIndex = scan.entries.has('index.json');
  if (!hasManifest && !hasIndex) throw problems.noImages();
  // Checked only now: a filesystem export can have any number of files, and deserves the Import hint.
  if (scan.entriesOverflow) throw problems.tooManyEntries(TAR_WALK_LIMITS.maxEntries);
  if (scan.jsonOverflow) throw problems.tooMuchJson(TAR_WALK_LIMITS.maxJsonTotal);
  // index.json first: it knows the target digests, and manifest.json adds only names to the same images.
  const images = mergeImages([...readOciIndex(scan), ...readDockerManifest(scan)]).map(toArchiveImage);
  const lists = [...(hasManifest ? ['manifest.json'] : []), ...(hasIndex ? ['index.json'] : [])];
  if (images.length === 0) throw problems.emptyList(lists);
  return { layout: hasManifest && hasIndex ? 'docker+oci' : hasIndex ? 'oci' : 'docker', images };
}

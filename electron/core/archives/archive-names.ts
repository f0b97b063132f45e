import { parseReference } from '../../../shared/reference';

/**
 * An image name from an archive (`docker.io/library/busybox:1`, `me/x:2`, `localhost:5000/x:1`) in
 * the familiar form the engine lists it under (`busybox:1`, `me/x:2`, `localhost:5000/x:1`); null when
 * it is not a valid image reference. A bare name gains `:latest`, as docker load gives it.
 */
export function normaliseArchiveName(name: string): string | null {
  // parseReference forgives spaces around a name being typed; a name written in a file gets no such grace.
  if (name !== name.trim()) return null;
  const verdict = parseReference(name);
  return verdict.ok ? verdict.ref.familiar : null;
}

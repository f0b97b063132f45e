import type Docker from 'dockerode';
import { BackendError } from '../../../shared/errors';
import { parseTagTarget } from '../../../shared/reference';
import { imageObject } from '../engine/engine-objects';

/** `docker tag SOURCE TARGET`, sending the engine the normalised name it will store. */
export async function tagImage(docker: Docker, source: string, target: string): Promise<{ target: string; full: string }> {
  const verdict = parseTagTarget(target);
  if (!verdict.ok) throw new BackendError('INVALID_ARGUMENT', verdict.message);
  const { familiarName, tag, familiar, full } = verdict.ref;
  await imageObject(docker, source).tag({ repo: familiarName, tag: tag ?? 'latest' });
  return { target: familiar, full };
}

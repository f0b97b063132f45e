import { parseReference } from './reference';
import { shellWord } from './removal-selection';

/**
 * The docker commands behind Pull, Push, Login and Logout: the Tasks panel's titles and the dialogs'
 * "same as" lines come from here. A password never appears: `docker login` asks for it.
 */
const q = shellWord;

/** Through a prefix mirror the CLI needs three steps: pull the mirror's name, tag, untag. */
export function pullCommand(ref: string, platform: string | null, mirror: string | null = null): string {
  const flag = platform ? `--platform ${q(platform)} ` : '';
  const verdict = mirror ? parseReference(ref) : null;
  if (!mirror || !verdict?.ok) return `docker pull ${flag}${q(ref)}`;
  const tag = verdict.ref.tag ?? 'latest';
  const temporary = `${mirror}/${verdict.ref.path}:${tag}`;
  return `docker pull ${flag}${q(temporary)} && docker tag ${q(temporary)} ${q(verdict.ref.familiar)} && docker rmi ${q(temporary)}`;
}

export function pushCommand(ref: string): string {
  return `docker push ${q(ref)}`;
}

/** Push under a new name: tag first, as the CLI needs. */
export function tagAndPushCommand(source: string, target: string): string {
  return source === target ? pushCommand(target) : `docker tag ${q(source)} ${q(target)} && ${pushCommand(target)}`;
}

/** Docker Hub is the default: `docker login` without a registry logs in there. */
export function loginCommand(registry: string, username: string): string {
  const user = username ? ` -u ${q(username)}` : '';
  return registry === 'docker.io' ? `docker login${user}` : `docker login${user} ${q(registry)}`;
}

export function logoutCommand(registry: string): string {
  return registry === 'docker.io' ? 'docker logout' : `docker logout ${q(registry)}`;
}

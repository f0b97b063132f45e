import { BackendError, type ErrorCode } from '../../../shared/errors';

export type TransferVerb = 'pull' | 'push' | 'login' | 'search';

interface Kind {
  code: ErrorCode;
  test: RegExp;
  message: (verb: TransferVerb, reference: string, registry: string) => string;
  hint: (verb: TransferVerb, registry: string) => string;
}

const LOGIN_HINT = (registry: string) => `Log in to ${registry} (docker login ${registry}) with an account that may use this repository, then try again.`;

const REFUSED: Omit<Kind, 'test'> = {
  code: 'AUTH',
  message: (verb, ref, registry) => `${registry} refused to let you ${verb} ${ref}.`,
  hint: (_verb, registry) => LOGIN_HINT(registry),
};

/**
 * The engine passes the registry's words on inside its stream (or as the text of a 4xx/5xx). Order
 * matters: "pull access denied … may require 'docker login'" is about a name that may not exist at all.
 */
const KINDS: Kind[] = [
  {
    code: 'TIMEOUT',
    test: /timeout|timed out|deadline exceeded/i,
    message: (verb, ref, registry) => `${registry} did not answer in time while trying to ${verb} ${ref}.`,
    hint: () => 'Try again later, or pull through a registry mirror.',
  },
  {
    code: 'NETWORK',
    test: /dial tcp|connection refused|no such host|network is unreachable|no route to host|connection reset|server misbehaving|server gave HTTP response to HTTPS client|tls: |x509: |EOF$/i,
    message: (verb, ref, registry) => `${registry} cannot be reached, so ${ref} cannot be ${verb === 'push' ? 'pushed' : verb === 'pull' ? 'pulled' : 'checked'}.`,
    hint: (_verb, registry) =>
      `Check the address and your network. ${registry === 'docker.io' ? 'If Docker Hub is blocked where you are, use a registry mirror or load the image from a tar file.' : 'A registry without HTTPS must be listed in the engine\u2019s insecure-registries (127.0.0.0/8 always is).'}`,
  },
  // The registry said plainly that credentials were missing or wrong. 26.1 wraps this in "pull access
  // denied …, repository does not exist or may require 'docker login'", which must not read as a
  // missing name.
  { ...REFUSED, test: /no basic auth credentials|authorization failed|incorrect username or password|authentication required|unauthorized:/i },
  {
    code: 'NOT_FOUND',
    test: /manifest unknown|not found|name unknown|repository does not exist|no such image|does not exist/i,
    message: (verb, ref, registry) => (verb === 'push' ? `There is no local image named ${ref} to push.` : `${ref} was not found on ${registry}.`),
    hint: (verb, registry) =>
      verb === 'push' ? 'Tag the image with this name first.' : `Check the name and the tag (the registry lists its tags), or log in to ${registry} if the repository is private.`,
  },
  { ...REFUSED, test: /unauthorized|denied|forbidden|\b401\b|\b403\b|insufficient_scope/i },
];

/** The registry's own sentence, without the engine's wrapping, when it sent one (a mirror's allowlist does). */
function registryWords(text: string): string | null {
  const m = /(?:denied|forbidden|unauthorized):\s*(.+)$/i.exec(text);
  const words = m?.[1]?.trim();
  return words && !/^requested access to the resource is denied$|^authentication required$|^authorization failed|no basic auth credentials/i.test(words) ? words : null;
}

/**
 * A registry failure as the user should read it: AUTH, NOT_FOUND, NETWORK or TIMEOUT with a plain
 * sentence and what to do; the engine's text kept verbatim as detail. Anything else stays ENGINE_ERROR.
 */
export function registryError(text: string, verb: TransferVerb, reference: string, registry: string): BackendError {
  const detail = text.slice(0, 2000);
  const kind = KINDS.find((k) => k.test.test(text));
  if (!kind) return new BackendError('ENGINE_ERROR', `The engine could not ${verb} ${reference}.`, 'See the technical details for the engine\u2019s own words.', detail);
  let message = kind.message(verb, reference, registry);
  // A mirror or proxy that refuses with a reason of its own: that reason is the message.
  const words = kind.code === 'AUTH' ? registryWords(text) : null;
  if (words) message = `${registry} refused: ${words}`;
  return new BackendError(kind.code, message, kind.hint(verb, registry), detail).translatedAs(`registry.${kind.code}.${verb}`, { reference, registry, words: words ?? '' });
}

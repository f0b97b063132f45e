// The docker CLI against one private engine, with its own config dir: never the user's daemon or login.
import { spawnSync } from 'node:child_process';

/**
 * `engine`: `{ dockerHost, dockerConfig? }`. The returned function runs `docker ARGS` and gives its
 * trimmed output; a failure throws with the CLI's message unless `allowFail`.
 */
export function dockerFor(engine) {
  const env = { ...process.env, DOCKER_HOST: engine.dockerHost, DOCKER_BUILDKIT: '0', ...(engine.dockerConfig ? { DOCKER_CONFIG: engine.dockerConfig } : {}) };
  return (args, { input, allowFail = false } = {}) => {
    const r = spawnSync('docker', args, { env, input, encoding: 'utf8', maxBuffer: 256 << 20 });
    if (r.status !== 0 && !allowFail) throw new Error(`docker ${args.join(' ')} failed (${r.status}):\n${r.stderr || r.stdout}`);
    return r.stdout.trim();
  };
}

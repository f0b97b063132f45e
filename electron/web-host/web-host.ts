import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createBackend } from '../core/backend';
import { keepServingOnUnexpectedErrors } from '../core/last-resort';
import { stderrLog } from './host-log';
import { startWebHost } from './server';

const HELP = `Usage: npm run web -- [--port N] [--bind ADDR] [--docker-host URL]
  --port N           listen on N (default: a random free port)
  --bind ADDR        listen address (default 127.0.0.1; the Docker socket is root-equivalent)
  --docker-host URL  engine address, like DOCKER_HOST (default: DOCKER_HOST, then the platform socket)`;

async function main(): Promise<void> {
  keepServingOnUnexpectedErrors(stderrLog);
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      bind: { type: 'string' },
      'docker-host': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a number from 0 to 65535, not "${values.port}".`);
    process.exit(2);
  }
  const staticDir = join(__dirname, '..', 'renderer');
  if (!existsSync(join(staticDir, 'index.html'))) {
    console.error(`The renderer is not built (${staticDir} has no index.html): run npm run build.`);
    process.exit(1);
  }
  const backend = createBackend({ dockerHost: values['docker-host'] });
  const host = await startWebHost({ backend, staticDir, port, bind: values.bind });
  console.log(`Stevedore web host: ${host.url}`);
  console.log(`Engine: ${backend.engine.status().host}. Open the URL above (it carries the access token). Ctrl+C stops.`);
  const stop = () => {
    void Promise.all([backend.dispose(), host.close()]).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`Stevedore web host failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

// The body of docker-credential-stevedore-test: the docker credential-helper protocol over a JSON file.
//   STEVEDORE_TEST_CRED_FILE  the store: { "<ServerURL>": { "Username": "...", "Secret": "..." } }
//   STEVEDORE_TEST_CRED_LOG   optional: one line per call, "<action> <ServerURL>" (never a secret)
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import process from 'node:process';

const NOT_FOUND = 'credentials not found in native keychain';
const storeFile = process.env.STEVEDORE_TEST_CRED_FILE;
const logFile = process.env.STEVEDORE_TEST_CRED_LOG;
const action = process.argv[2];

function fail(text) {
  process.stdout.write(`${text}\n`);
  process.exit(1);
}

if (!storeFile) fail('STEVEDORE_TEST_CRED_FILE is not set');
const load = () => (existsSync(storeFile) ? JSON.parse(readFileSync(storeFile, 'utf8')) : {});
const save = (store) => writeFileSync(storeFile, `${JSON.stringify(store, null, 2)}\n`, { mode: 0o600 });
const input = readFileSync(0, 'utf8');
const log = (serverURL) => logFile && appendFileSync(logFile, `${action} ${serverURL}\n`);
const store = load();

switch (action) {
  case 'get': {
    const serverURL = input.trim();
    log(serverURL);
    const entry = store[serverURL];
    if (!entry) fail(NOT_FOUND);
    process.stdout.write(JSON.stringify({ ServerURL: serverURL, Username: entry.Username, Secret: entry.Secret }));
    break;
  }
  case 'store': {
    const creds = JSON.parse(input);
    log(creds.ServerURL);
    store[creds.ServerURL] = { Username: creds.Username, Secret: creds.Secret };
    save(store);
    break;
  }
  case 'erase': {
    const serverURL = input.trim();
    log(serverURL);
    if (!store[serverURL]) fail(NOT_FOUND);
    delete store[serverURL];
    save(store);
    break;
  }
  case 'list': {
    log('');
    process.stdout.write(JSON.stringify(Object.fromEntries(Object.entries(store).map(([url, entry]) => [url, entry.Username]))));
    break;
  }
  default:
    fail(`unknown action ${action}; use get, store, erase or list`);
}

import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EngineConnection } from './connection';

describe('an engine that accepts the connection and never answers', () => {
  let server: Server | null = null;
  let dir = '';
  const held: Socket[] = [];
  afterEach(async () => {
    for (const s of held.splice(0)) s.destroy();
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('is reported as not answering, with what to check, instead of "connecting" for ever', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sd-silent-'));
    const path = join(dir, 'docker.sock');
    // Reads the request and says nothing, like a stuck daemon or a socket that is not Docker's.
    server = createServer((socket) => {
      held.push(socket);
      socket.resume();
    });
    await new Promise<void>((r) => server!.listen(path, r));
    const engine = new EngineConnection({ dockerHost: `unix://${path}`, answerMs: 300, retryMs: 60_000 });
    const started = Date.now();
    const status = await engine.connect();
    expect(Date.now() - started).toBeLessThan(3000);
    expect(status.state).toBe('unreachable');
    expect(status.detail).toMatch(/accepted the connection but did not answer within .* not a Docker Engine/);
    engine.dispose();
  });
});

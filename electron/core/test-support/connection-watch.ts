import net from 'node:net';

/** Where a socket was told to connect: a Unix socket path, or host:port. */
export type ConnectTarget = { path: string } | { host: string; port: number };

/**
 * Records every outgoing connection this process makes, whichever library makes it (dockerode,
 * docker-modem's redirect follower, http.get), by watching the one method they all end in.
 */
export function watchConnections(): { targets: ConnectTarget[]; stop(): void } {
  const targets: ConnectTarget[] = [];
  const original = net.Socket.prototype.connect;
  const patched = function (this: net.Socket, ...args: unknown[]) {
    const [first, second] = args;
    const opts = Array.isArray(first) ? (first[0] as Record<string, unknown>) : first;
    if (typeof opts === 'string') targets.push({ path: opts });
    else if (typeof opts === 'number') targets.push({ host: typeof second === 'string' ? second : 'localhost', port: opts });
    else if (opts && typeof opts === 'object') {
      const o = opts as { path?: string; host?: string; port?: number };
      targets.push(o.path ? { path: o.path } : { host: o.host ?? 'localhost', port: Number(o.port) });
    }
    return (original as (...a: unknown[]) => net.Socket).apply(this, args);
  };
  net.Socket.prototype.connect = patched as typeof original;
  return {
    targets,
    stop: () => {
      net.Socket.prototype.connect = original;
    },
  };
}

/** A TCP listener that counts who knocks: nothing Stevedore does may ever reach it. */
export async function tripwire(): Promise<{ port: number; hits: string[]; close(): Promise<void> }> {
  const hits: string[] = [];
  const server = net.createServer((socket) => {
    socket.once('data', (d) => hits.push(d.toString('latin1').split('\r\n')[0] ?? ''));
    socket.on('error', () => undefined);
    socket.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return { port, hits, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

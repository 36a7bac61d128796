// A TCP proxy on loopback between a client and a server, for network faults that a well-behaved
// server never produces: `refuse` closes every new connection at once (the server is down), and
// `drop-in-data` cuts the connection once the client has started sending a message body (after
// SMTP's DATA), so the client sees its connection die mid-message and the server never gets it.
import { type AddressInfo, createConnection, createServer, type Socket } from 'node:net';

export type ProxyMode = 'pass' | 'refuse' | 'drop-in-data';

export interface TcpProxy {
  /** `smtp://127.0.0.1:PORT` when fronting SMTP; the port is the proxy's. */
  port: number;
  mode: ProxyMode;
  /** Connections cut mid-message so far. */
  drops: number;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number, mode: ProxyMode = 'pass'): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const proxy: TcpProxy = { port: 0, mode, drops: 0, close: async () => {} };
  const server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    if (proxy.mode === 'refuse') {
      client.destroy();
      return;
    }
    const upstream = createConnection(targetPort, '127.0.0.1');
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    let sawData = false;
    client.on('data', (chunk: Buffer) => {
      if (proxy.mode === 'drop-in-data') {
        if (sawData) {
          proxy.drops++;
          client.destroy();
          upstream.destroy();
          return;
        }
        if (/^DATA\r\n/im.test(chunk.toString('latin1'))) sawData = true;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('end', () => upstream.end());
    upstream.on('end', () => client.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  proxy.port = (server.address() as AddressInfo).port;
  proxy.close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return proxy;
}

/**
 * A real HTTP server on loopback playing the registry, with its failures. Routes map a path to a
 * behaviour; every request is recorded (path and headers) so tests can see what was asked and sent.
 */
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer, type ServerOptions } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

export type Behaviour =
  | { kind: 'json'; body: unknown; status?: number; delayMs?: number; headers?: Record<string, string> }
  | { kind: 'text'; body: string; status?: number }
  | { kind: 'status'; status: number; headers?: Record<string, string> }
  | { kind: 'hang' }
  | { kind: 'reset' }
  | { kind: 'truncate'; body: string }
  /** Answer with the listed behaviours in turn; the last one repeats. */
  | { kind: 'sequence'; steps: Behaviour[] }
  /** Anything else a hostile registry may do (endless bodies, bombs): the test writes the answer. */
  | { kind: 'custom'; respond: (req: IncomingMessage, res: ServerResponse) => void };

export interface RecordedRequest {
  path: string;
  headers: IncomingMessage['headers'];
}

export interface RegistryServer {
  url: string;
  host: string;
  requests: RecordedRequest[];
  /** Connections accepted, whether or not a request came over them (a failed TLS handshake). */
  connections: number;
  routes: Map<string, Behaviour>;
  /** Answer for paths without a route. */
  fallback: (path: string) => Behaviour | undefined;
  close(): Promise<void>;
}

/** With `tls`, the registry speaks HTTPS with that certificate (test/fixtures/tls), and may ask for the client's. */
export async function startRegistry(routes: Record<string, Behaviour> = {}, options: { tls?: ServerOptions } = {}): Promise<RegistryServer> {
  const state = {
    routes: new Map(Object.entries(routes)),
    requests: [] as RecordedRequest[],
    counters: new Map<string, number>(),
    fallback: (() => undefined) as (path: string) => Behaviour | undefined,
  };
  const handle: RequestListener = (req, res) => {
    const path = decodeURIComponent(req.url ?? '/');
    state.requests.push({ path, headers: req.headers });
    let behaviour = state.routes.get(path) ?? state.fallback(path) ?? { kind: 'status', status: 404 };
    if (behaviour.kind === 'sequence') {
      const n = state.counters.get(path) ?? 0;
      state.counters.set(path, n + 1);
      behaviour = behaviour.steps[Math.min(n, behaviour.steps.length - 1)]!;
    }
    respond(behaviour, req, res);
  };
  const server: Server = options.tls ? createTlsServer(options.tls, handle) : createServer(handle);
  let connections = 0;
  server.on('connection', () => connections++);
  const { port, close } = await listenOnLoopback(server);
  return {
    get connections() {
      return connections;
    },
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}/`,
    host: `127.0.0.1:${port}`,
    requests: state.requests,
    routes: state.routes,
    get fallback() {
      return state.fallback;
    },
    set fallback(fn) {
      state.fallback = fn;
    },
    close,
  };
}

/** Listen on a free loopback port; `close` also ends the connections still open (keep-alive, tunnels). */
export async function listenOnLoopback(server: Server, sockets = new Set<Socket>()): Promise<{ port: number; close: () => Promise<void> }> {
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return { port, close };
}

function respond(behaviour: Behaviour, req: IncomingMessage, res: ServerResponse): void {
  switch (behaviour.kind) {
    case 'json': {
      const send = () => {
        const body = JSON.stringify(behaviour.body);
        res.writeHead(behaviour.status ?? 200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...behaviour.headers });
        res.end(body);
      };
      if (behaviour.delayMs) setTimeout(send, behaviour.delayMs);
      else send();
      return;
    }
    case 'text':
      res.writeHead(behaviour.status ?? 200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(behaviour.body) });
      res.end(behaviour.body);
      return;
    case 'status':
      res.writeHead(behaviour.status, { 'content-type': 'application/json', ...behaviour.headers });
      res.end(JSON.stringify({ error: `status ${behaviour.status}` }));
      return;
    case 'hang':
      return; // never answer; the client's timeout must fire
    case 'reset':
      req.socket.destroy();
      return;
    case 'truncate':
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(behaviour.body) + 500 });
      res.write(behaviour.body);
      setTimeout(() => req.socket.destroy(), 10);
      return;
    case 'custom':
      behaviour.respond(req, res);
      return;
    case 'sequence':
      throw new Error('nested sequences are not supported');
  }
}

/**
 * Answers from recorded documents keyed by request path with the scope's slash encoded
 * (`/@scope%2fname/1.0.0`), as recorded; `served(key)` can withhold some of them (a 404).
 */
export function recordedDocuments(documents: Record<string, unknown>, served: (key: string) => boolean = () => true): (path: string) => Behaviour | undefined {
  return (path) => {
    const key = path.replace(/^\/(@[^/]+)\//, '/$1%2f');
    const body = documents[key];
    return body === undefined || !served(key) ? undefined : { kind: 'json', body };
  };
}

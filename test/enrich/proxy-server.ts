/**
 * A real HTTP proxy on loopback, as a company network puts in front of a registry: plain-HTTP requests
 * in absolute form are forwarded, HTTPS goes through a CONNECT tunnel. Every request is recorded; with
 * `credentials` set, anything without that `Proxy-Authorization` gets 407.
 */
import { createServer, request, type IncomingHttpHeaders, type RequestListener, type Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { connect, type Socket } from 'node:net';
import { listenOnLoopback } from './registry-server.js';

export interface ProxiedRequest {
  method: string;
  /** `http://host:port/path` for a forwarded request, `host:port` for a tunnel. */
  target: string;
  headers: IncomingHttpHeaders;
}

export interface ProxyServer {
  /** `http://127.0.0.1:port` */
  url: string;
  port: number;
  requests: ProxiedRequest[];
  close(): Promise<void>;
}

/** With `tls`, the proxy itself is reached over TLS (`https://` proxy URL), with that certificate. */
export async function startProxy(options: { credentials?: string; tls?: { key: string; cert: string } } = {}): Promise<ProxyServer> {
  const requests: ProxiedRequest[] = [];
  const sockets = new Set<Socket>();
  const expected = options.credentials && `Basic ${Buffer.from(options.credentials).toString('base64')}`;
  const allowed = (headers: IncomingHttpHeaders) => !expected || headers['proxy-authorization'] === expected;
  const forward: RequestListener = (req, res) => {
    requests.push({ method: req.method ?? '', target: req.url ?? '', headers: req.headers });
    if (!allowed(req.headers)) {
      res.writeHead(407, { 'proxy-authenticate': 'Basic realm="test"', 'content-length': 0 });
      res.end();
      return;
    }
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    delete headers['proxy-connection'];
    const upstream = request(req.url!, { method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => {
      res.writeHead(502, { 'content-length': 0 });
      res.end();
    });
    req.pipe(upstream);
  };
  const server: Server = options.tls ? createTlsServer(options.tls, forward) : createServer(forward);
  server.on('connect', (req, client: Socket, head: Buffer) => {
    requests.push({ method: 'CONNECT', target: req.url ?? '', headers: req.headers });
    sockets.add(client);
    if (!allowed(req.headers)) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host!, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  // The tunnels' upstream sockets are closed with the proxy, beside its own connections.
  const { port, close } = await listenOnLoopback(server, sockets);
  return { url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`, port, requests, close };
}

/**
 * A real HTTP server on loopback that answers the four issue-comment operations of GitHub's REST API
 * the way GitHub does, from an in-memory list of comments. Every request it receives and every answer it
 * gives is checked against GitHub's published REST API description (test/fixtures/github), so the client
 * under test speaks the real shapes: a mismatch is recorded in `violations`, and the tests assert none.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { FIXTURES } from '../helpers.js';
import { listenOnLoopback } from '../enrich/registry-server.js';

interface Operation {
  method: string;
  path: string;
  parameters: { name: string; in: string; required: boolean }[];
  requestBody?: object;
  responses: Record<string, { schema?: object; examples?: Record<string, unknown> }>;
}

const description = JSON.parse(readFileSync(join(FIXTURES, 'github', 'issue-comments.openapi.json'), 'utf8')) as { operations: Record<string, Operation> };
// OpenAPI 3.0 schemas: `nullable` and `example` are theirs, not JSON Schema's.
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats.default(ajv);
const compiled = new Map<object, ValidateFunction>();
const validator = (schema: object) => compiled.get(schema) ?? compiled.set(schema, ajv.compile(openApiToJsonSchema(schema) as object)).get(schema)!;

/** `nullable: true` becomes a type that also allows null, recursively. */
function openApiToJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(openApiToJsonSchema);
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) if (key !== 'nullable' && key !== 'example') out[key] = openApiToJsonSchema(value);
  const s = schema as { nullable?: boolean; type?: string };
  if (s.nullable && typeof s.type === 'string') out.type = [s.type, 'null'];
  if (s.nullable && out.enum) out.enum = [...(out.enum as unknown[]), null];
  return out;
}

export interface StoredComment {
  id: number;
  body: string;
  bot: boolean;
}

export interface GitHubServer {
  url: string;
  comments: StoredComment[];
  requests: { method: string; path: string; authorization?: string; body?: unknown }[];
  /** Requests or answers that do not match GitHub's description. */
  violations: string[];
  /** Answer every request with this status (403, 404, 500…) instead. */
  failWith?: number;
  /** Answer every request with a redirect to this URL. */
  redirectTo?: string;
  close(): Promise<void>;
}

const example = (operation: string, status: string) => {
  const value = description.operations[operation]!.responses[status]!.examples!.default;
  return structuredClone(Array.isArray(value) ? value[0] : value) as Record<string, unknown>;
};

function asGitHubComment(c: StoredComment): Record<string, unknown> {
  const out = example('issues/list-comments', '200');
  const user = { ...(out.user as Record<string, unknown>), type: c.bot ? 'Bot' : 'User', login: c.bot ? 'github-actions[bot]' : 'someone' };
  return { ...out, id: c.id, body: c.body, user };
}

function match(method: string, path: string): { id: string; params: Record<string, string> } | undefined {
  for (const [id, op] of Object.entries(description.operations)) {
    if (op.method !== method) continue;
    const pattern = new RegExp(`^${op.path.replace(/\{(\w+)\}/g, '(?<$1>[^/]+)')}$`);
    const m = pattern.exec(path);
    if (m) return { id, params: { ...m.groups } };
  }
  return undefined;
}

export async function startGitHub(initial: StoredComment[] = []): Promise<GitHubServer> {
  const state: GitHubServer = { url: '', comments: [...initial], requests: [], violations: [], close: async () => {} };
  let nextId = 1000;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.setEncoding('utf8').on('data', (d: string) => (raw += d));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const body = raw ? (JSON.parse(raw) as unknown) : undefined;
      state.requests.push({ method: req.method ?? '', path: url.pathname + url.search, authorization: req.headers.authorization, body });
      const send = (status: number, payload?: unknown, operation?: string) => {
        const schema = operation ? description.operations[operation]!.responses[String(status)]?.schema : undefined;
        if (schema && !validator(schema)(payload)) state.violations.push(`answer ${status} to ${operation}: ${ajv.errorsText(validator(schema).errors)}`);
        res.writeHead(status, payload === undefined ? {} : { 'content-type': 'application/json' });
        res.end(payload === undefined ? undefined : JSON.stringify(payload));
      };
      if (state.redirectTo) {
        res.writeHead(307, { location: state.redirectTo });
        return res.end();
      }
      const route = match(req.method ?? '', url.pathname);
      if (!route) {
        state.violations.push(`no such operation: ${req.method} ${url.pathname}`);
        return send(404, { message: 'Not Found' });
      }
      const op = description.operations[route.id]!;
      for (const key of url.searchParams.keys()) if (!op.parameters.some((p) => p.in === 'query' && p.name === key)) state.violations.push(`${route.id}: unknown query parameter ${key}`);
      if (op.requestBody && !validator(op.requestBody)(body)) state.violations.push(`request to ${route.id}: ${ajv.errorsText(validator(op.requestBody).errors)}`);
      if (!req.headers.authorization?.startsWith('Bearer ')) return send(401, { message: 'Requires authentication' });
      if (state.failWith) return send(state.failWith, { message: 'Resource not accessible by integration' }, route.id);
      if (route.id === 'issues/list-comments') {
        const page = Number(url.searchParams.get('page') ?? 1);
        const perPage = Number(url.searchParams.get('per_page') ?? 30);
        return send(200, state.comments.slice((page - 1) * perPage, page * perPage).map(asGitHubComment), route.id);
      }
      if (route.id === 'issues/create-comment') {
        const comment = { id: nextId++, body: (body as { body: string }).body, bot: true };
        state.comments.push(comment);
        return send(201, asGitHubComment(comment), route.id);
      }
      const comment = state.comments.find((c) => c.id === Number(route.params.comment_id));
      if (!comment) return send(404, { message: 'Not Found' });
      if (route.id === 'issues/update-comment') {
        comment.body = (body as { body: string }).body;
        return send(200, asGitHubComment(comment), route.id);
      }
      state.comments = state.comments.filter((c) => c !== comment);
      return send(204, undefined, route.id);
    });
  });
  const { port, close } = await listenOnLoopback(server);
  state.url = `http://127.0.0.1:${port}`;
  state.close = close;
  return state;
}

/**
 * The one HTTP client of sovscan: keep-alive sockets per host bounded by the concurrency, a shared DNS
 * cache, a timeout per attempt, and bounded retries with exponential backoff for the failures that can
 * pass (resets, timeouts, 429 with Retry-After, 5xx, truncated or unparseable bodies). Credentials are
 * added per request from the registry configuration and never appear in errors. Requests go through the
 * configured proxy, and are checked against the configured roots, as npm's would be (network.ts).
 * Everything a registry can make it spend is bounded: the size of a body (inflated) and its JSON depth,
 * each wait, and the waits per host in a run; an overrun fails that request, never the run.
 */
import http from 'node:http';
import https from 'node:https';
import { createSecureContext, type SecureContext } from 'node:tls';
import { BodyError, formatBytes, maxBodyBytes, readBody } from './bounded-body.js';
import { JsonTooDeep, parseJson } from './bounded-json.js';
import { cachedLookup } from './dns.js';
import { RetryBudget } from './retry-budget.js';
import { proxyFor } from './network.js';
import { authorizationFor, clientCertificateFor, type RegistryConfig } from './registry-config.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';

export interface HttpOptions {
  /** Sockets per host (and requests in flight). */
  concurrency: number;
  /** Per attempt, from request to the last byte. */
  timeoutMs: number;
  /** Further attempts after the first. */
  retries: number;
  /** First backoff; doubles each attempt. */
  backoffMs: number;
  /** Upper bound for a server's Retry-After. */
  maxRetryAfterMs: number;
  /** Retry waits summed per host over the run (retry-budget.ts). */
  retryBudgetMs: number;
  /** Size cap of a body, inflated (absent: `SOVSCAN_MAX_RESPONSE_MB`, else 64 MiB; see bounded-body.ts). */
  maxBodyBytes?: number;
}

export const HTTP_DEFAULTS: HttpOptions = { concurrency: 16, timeoutMs: 30_000, retries: 3, backoffMs: 250, maxRetryAfterMs: 20_000, retryBudgetMs: 60_000 };

export type FailureKind = 'not-found' | 'http' | 'network' | 'certificate' | 'timeout' | 'truncated' | 'invalid-json' | 'too-large' | 'too-deep' | 'retry-budget';

export class FetchFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    readonly url: string,
    message: string,
    readonly status?: number,
    readonly attempts = 1,
  ) {
    super(message);
  }
}

export interface JsonResponse {
  body: unknown;
  text: string;
}

const RETRY_STATUS = new Set([408, 429, 500, 502, 503, 504]);

/**
 * TLS verification errors of the registry's certificate (Node's and OpenSSL's codes): no retry can pass
 * them; a trusted root can. `ERR_SSL_…ALERT…` codes are the server refusing ours: not one of these.
 */
const CERTIFICATE_ERROR = /^(?!ERR_SSL_).*(CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE)/;

interface Attempt {
  status: number;
  text?: string;
  retryAfterMs?: number;
  failure?: FetchFailure;
}

export class HttpClient {
  private readonly agentOptions: http.AgentOptions;
  private readonly agents: { http: http.Agent; https: https.Agent };
  /** Through a proxy: one agent per proxy and target protocol. */
  private readonly proxyAgents = new Map<string, Promise<http.Agent>>();
  /** TLS contexts, made on first use: '' for the configured roots alone, else per client certificate. */
  private readonly secureContexts = new Map<string, SecureContext>();
  private readonly maxBodyBytes: number;
  private readonly retryBudget: RetryBudget;

  constructor(
    private readonly config: RegistryConfig,
    private readonly options: HttpOptions = HTTP_DEFAULTS,
  ) {
    this.maxBodyBytes = options.maxBodyBytes ?? maxBodyBytes();
    this.retryBudget = new RetryBudget(options.retryBudgetMs);
    const lookup = cachedLookup();
    this.agentOptions = { keepAlive: true, maxSockets: options.concurrency, maxFreeSockets: options.concurrency, lookup };
    this.agents = { http: new http.Agent(this.agentOptions), https: new https.Agent(this.agentOptions) };
  }

  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
    for (const agent of this.proxyAgents.values()) void agent.then((a) => a.destroy());
  }

  /**
   * TLS to the registry at `url` (or to an HTTPS proxy, without one): the configured roots, certificate
   * checking, and the client certificate configured for that registry, if any.
   */
  private tlsOptions(url?: URL): { secureContext?: SecureContext; rejectUnauthorized: boolean } {
    const { ca, strictSsl } = this.config.network;
    const client = url === undefined ? undefined : clientCertificateFor(this.config, url);
    const key = client?.prefix ?? '';
    let secureContext = this.secureContexts.get(key);
    if (!secureContext && (ca || client)) {
      secureContext = createSecureContext({ ca, cert: client?.cert, key: client?.key });
      this.secureContexts.set(key, secureContext);
    }
    return { secureContext, rejectUnauthorized: strictSsl };
  }

  /** The agent for a request to `target`, and the proxy it goes through (host and port only: no credentials). */
  private async agentFor(target: URL): Promise<{ agent: http.Agent; via?: string }> {
    const secure = target.protocol === 'https:';
    const proxy = proxyFor(this.config.network, target);
    if (!proxy) return { agent: secure ? this.agents.https : this.agents.http };
    const key = `${secure ? 'https' : 'http'} ${proxy}`;
    let agent = this.proxyAgents.get(key);
    if (!agent) {
      // Loaded only behind a proxy (most runs have none).
      const options = { ...this.agentOptions, ...this.tlsOptions() };
      agent = secure ? import('https-proxy-agent').then((m) => new m.HttpsProxyAgent(proxy, options)) : import('http-proxy-agent').then((m) => new m.HttpProxyAgent(proxy, options));
      this.proxyAgents.set(key, agent);
    }
    return { agent: await agent, via: new URL(proxy).host };
  }

  /**
   * Hosts that have answered at least once, and for the others how many attempts found no answer (refused,
   * unreachable, timed out, untrusted certificate). A host that has answered nothing in `unansweredLimit`
   * attempts is taken as down for the rest of the run: the remaining packages fail at once, with the same
   * reason, instead of each waiting out its retries (minutes on a large tree behind a wrong proxy).
   */
  private readonly answered = new Set<string>();
  private readonly unanswered = new Map<string, { attempts: number; last: FetchFailure }>();

  private get unansweredLimit(): number {
    return Math.max(8, 2 * this.options.concurrency);
  }

  private hostDown(url: URL, attempt: number): FetchFailure | undefined {
    const state = this.unanswered.get(url.host);
    if (!state || state.attempts < this.unansweredLimit || this.answered.has(url.host)) return undefined;
    return new FetchFailure(state.last.kind, url.href, `Not asked for ${url.href}: ${url.host} answered none of ${state.attempts} requests before it (the last: ${state.last.message})`, undefined, attempt);
  }

  private record(url: URL, result: Attempt): void {
    if (result.status > 0) this.answered.add(url.host);
    else if (result.failure) {
      const state = this.unanswered.get(url.host);
      this.unanswered.set(url.host, { attempts: (state?.attempts ?? 0) + 1, last: result.failure });
    }
  }

  /** Wait before the next attempt, unless the host's budget cannot pay for it: then the failure to throw. */
  private async waitToRetry(target: URL, ms: number, last: FetchFailure): Promise<FetchFailure | undefined> {
    if (this.retryBudget.take(target.host, ms, last.message)) {
      await sleep(ms);
      return undefined;
    }
    const message = `${last.message}; not retried: ${target.host} has used its ${this.retryBudget.label} budget of retry waits for this run, so its remaining requests fail at once`;
    return new FetchFailure('retry-budget', last.url, message, last.status, last.attempts);
  }

  private budgetSpent(target: URL, url: string, attempt: number): FetchFailure | undefined {
    const spent = this.retryBudget.spent(target.host);
    if (!spent) return undefined;
    return new FetchFailure('retry-budget', url, `Not asked for ${url}: ${target.host} used its ${this.retryBudget.label} budget of retry waits for this run (the answer that spent it: ${spent})`, undefined, attempt);
  }

  /** GET a JSON document; resolves with its body or rejects with a `FetchFailure` after the retries. */
  async getJson(url: string, accept = 'application/json'): Promise<JsonResponse> {
    const target = new URL(url);
    let last: FetchFailure | undefined;
    for (let attempt = 0; attempt <= this.options.retries; attempt++) {
      const refused = this.hostDown(target, attempt + 1) ?? this.budgetSpent(target, url, attempt + 1);
      if (refused) throw refused;
      const result = await this.attempt(url, target, accept);
      this.record(target, result);
      if (result.failure === undefined && result.status >= 200 && result.status < 300) {
        try {
          return { body: parseJson(result.text!), text: result.text! };
        } catch (error) {
          if (error instanceof JsonTooDeep) throw new FetchFailure('too-deep', url, `The answer from ${target.host} for ${url} nests deeper than the ${error.maxDepth}-level cap on JSON`, result.status, attempt + 1);
          last = new FetchFailure('invalid-json', url, `The registry sent a body that is not JSON for ${url}`, result.status, attempt + 1);
        }
      } else if (result.failure) {
        last = new FetchFailure(result.failure.kind, url, result.failure.message, result.failure.status, attempt + 1);
        if (last.kind === 'certificate' || last.kind === 'too-large') throw last;
      } else if (result.status === 404) {
        throw new FetchFailure('not-found', url, `Not found (HTTP 404): ${url}`, 404, attempt + 1);
      } else {
        last = new FetchFailure('http', url, `HTTP ${result.status} from ${url}`, result.status, attempt + 1);
        if (!RETRY_STATUS.has(result.status)) throw last;
      }
      if (attempt < this.options.retries) {
        const stopped = await this.waitToRetry(target, result.retryAfterMs ?? this.backoff(attempt), last);
        if (stopped) throw stopped;
      }
    }
    throw last!;
  }

  private backoff(attempt: number): number {
    const base = this.options.backoffMs * 2 ** attempt;
    return base + Math.random() * base * 0.5;
  }

  private async attempt(url: string, target: URL, accept: string): Promise<Attempt> {
    const { agent, via } = await this.agentFor(target);
    return new Promise((resolve) => {
      let settled = false;
      const done = (value: Attempt) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(value);
      };
      const isHttps = target.protocol === 'https:';
      const headers: Record<string, string> = { accept, 'accept-encoding': 'gzip, deflate', 'user-agent': `${TOOL_NAME}/${TOOL_VERSION} node/${process.version}` };
      const authorization = authorizationFor(this.config, target);
      if (authorization) headers.authorization = authorization;
      const tls = isHttps ? this.tlsOptions(target) : {};
      const request = (isHttps ? https : http).request(target, { method: 'GET', headers, agent, ...tls });
      const proxied = via ? ` through the proxy ${via}` : '';
      const fetching = `while fetching ${url}${proxied}`;
      const timer = setTimeout(() => {
        request.destroy();
        done({ status: 0, failure: new FetchFailure('timeout', url, `No answer within ${this.options.timeoutMs} ms from ${url}${proxied}`) });
      }, this.options.timeoutMs);
      request.on('error', (error: NodeJS.ErrnoException) => {
        const code = error.code ?? error.message;
        if (error.code !== undefined && CERTIFICATE_ERROR.test(error.code)) {
          const fix = 'set cafile in .npmrc (caFilePath in .yarnrc.yml for yarn 2+) to the PEM file of the CA that signs it, or strict-ssl=false to skip the check';
          done({ status: 0, failure: new FetchFailure('certificate', url, `${code} ${fetching}: the registry's certificate is not trusted; ${fix}`) });
        } else if (/^ERR_SSL_.*ALERT_(CERTIFICATE_REQUIRED|BAD_CERTIFICATE|UNKNOWN_CA)/.test(code)) {
          const fix = `the registry refused sovscan's client certificate, or wants one: set //${target.host}/:certfile and :keyfile in .npmrc`;
          done({ status: 0, failure: new FetchFailure('network', url, `${code} ${fetching}: ${fix}`) });
        } else {
          done({ status: 0, failure: new FetchFailure('network', url, `${code} ${fetching}`) });
        }
      });
      request.on('response', (response) => {
        const status = response.statusCode ?? 0;
        readBody(response, this.maxBodyBytes).then(
          (text) => done({ status, text, retryAfterMs: retryAfter(response.headers['retry-after'], this.options.maxRetryAfterMs) }),
          (error: BodyError) => {
            const kind = error.problem === 'too-large' ? 'too-large' : 'truncated';
            const message = error.problem === 'too-large' ? `The answer from ${target.host} for ${url} is larger than the ${formatBytes(this.maxBodyBytes)} cap (set SOVSCAN_MAX_RESPONSE_MB to raise it)` : `The body of ${url} ${error.message}`;
            done({ status, failure: new FetchFailure(kind, url, message, status) });
          },
        );
      });
      request.end();
    });
  }
}

/** Retry-After in seconds or as an HTTP date, capped. See RFC 9110 §10.2.3. */
export function retryAfter(value: string | undefined, maxMs: number): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - Date.now();
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), maxMs) : undefined;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

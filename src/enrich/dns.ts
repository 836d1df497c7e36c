/**
 * A DNS lookup that resolves each host once per run and shares the answer between sockets. Many
 * simultaneous new connections otherwise stall for seconds on some resolvers (DESIGN.md §8).
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';

export function cachedLookup(): LookupFunction {
  const answers = new Map<string, Promise<LookupAddress[]>>();
  const resolve = (hostname: string): Promise<LookupAddress[]> => {
    let answer = answers.get(hostname);
    if (!answer) {
      answer = new Promise((ok, fail) => dnsLookup(hostname, { all: true }, (error, addresses) => (error ? fail(error) : ok(addresses))));
      // A failed lookup is not remembered: the next attempt asks again.
      answer.catch(() => answers.delete(hostname));
      answers.set(hostname, answer);
    }
    return answer;
  };
  return ((hostname: string, options: { family?: number | string; all?: boolean }, callback: (...args: unknown[]) => void) => {
    resolve(hostname).then(
      (addresses) => {
        const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
        const usable = family ? addresses.filter((a) => a.family === family) : addresses;
        if (usable.length === 0) {
          callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname }));
        } else if (options.all) {
          callback(null, usable);
        } else {
          callback(null, usable[0]!.address, usable[0]!.family);
        }
      },
      (error: unknown) => callback(error),
    );
  }) as unknown as LookupFunction;
}

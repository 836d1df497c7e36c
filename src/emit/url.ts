/**
 * A URL from the registry, a lockfile or a vendor SBOM, as sovscan writes it into any output (SBOM
 * external references, reports, the terminal).
 *
 * Only web and git schemes are copied: `javascript:`, `data:`, `vbscript:`, `file:` and the like are
 * references no reader should follow, and a report viewer may render them as links. A value without a
 * scheme (`owner/repo`, `git@host:owner/repo`) is no link and is kept as declared.
 *
 * User info (`user:password@`, a token as user name) is removed from every URL, redacted or not: it is a
 * credential or a person, never what the reference is about. The one exception is the fixed `git@` of an
 * SSH URL, which names no one and is needed to use the URL.
 */

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const ALLOWED = new Set(['http', 'https', 'git', 'git+http', 'git+https', 'git+ssh', 'ssh']);
/**
 * A web URL (http, https, ws, wss, ftp: the URL standard's special schemes) is read by browsers and Node
 * with any run of `/` and `\` after the colon, none included (`http:\\u:p@host`, `https:u:p@host`);
 * any other scheme needs `//` before an authority.
 */
const USERINFO = /\b((?:https?|wss?|ftp):[/\\]*|[a-z][a-z0-9+.-]*:\/\/)([^\s/?#\\]*)@/gi;

/** The scheme, lower case, or undefined for a value without one. */
function schemeOf(url: string): string | undefined {
  const match = SCHEME.exec(url);
  // `host:path` without `//` after a dotted or `user@` host is scp-like git syntax, not a scheme.
  if (!match || /^[^:/]*@/.test(url)) return undefined;
  return match[1]!.toLowerCase();
}

/** Whether sovscan copies this URL at all (see the file comment for why a scheme is refused). */
export function allowedUrl(url: string): boolean {
  // Read as a browser would: it drops tabs and line breaks anywhere and controls at the ends (`java\tscript:`).
  // eslint-disable-next-line no-control-regex
  const scheme = schemeOf(url.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+/, ''));
  return scheme === undefined || ALLOWED.has(scheme);
}

/**
 * `text` (a URL, or free text holding URLs) with the user info of every URL removed; nothing else of it
 * changes (no re-serialisation). The last `@` before the path ends the user info, as in the URL standard (a
 * backslash ends the authority of a web URL as `/` does).
 */
export function withoutUserinfo(text: string): string {
  return text.replace(USERINFO, (whole, start: string, info: string) => (info === 'git' && /^(git\+)?ssh:\/\/$/i.test(start) ? whole : start));
}

/** The URL as sovscan writes it, or undefined when it is not copied. */
export function outputUrl(url: string | undefined): string | undefined {
  if (url === undefined || url === '' || !allowedUrl(url)) return undefined;
  return withoutUserinfo(url);
}

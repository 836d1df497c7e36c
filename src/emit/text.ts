/**
 * Registry, lockfile and SBOM text is untrusted. Everything of it that reaches a terminal or a CI log goes
 * through `terminalSafe`: no control character survives (a newline would start a line of its own, and a CI
 * runner executes a line that starts with `::` as a workflow command; ESC and C1 controls drive the
 * terminal; bidi and other invisible format characters rewrite what a person sees). Each is written
 * visibly as an escape (`\n`, `\u001b`), so that nothing is lost and nothing is hidden.
 */
// Unicode's control (Cc: C0, DEL, C1), format (Cf: soft hyphen, zero-width and joiner characters, bidi
// embeddings, overrides and isolates, invisible operators, tag characters, the byte order mark) and
// line / paragraph separator (Zl, Zp) categories: by the standard's own classification, none is text a
// person reads, and any can change what a terminal shows or where a runner breaks a line.
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
const SHORT: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
/** `\uXXXX` per UTF-16 unit (a tag character is two): the same escape JSON and JavaScript read back. */
const escape = (c: string) => [...Array(c.length).keys()].map((i) => `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`).join('');

/**
 * GitHub's runner trims leading white space before it looks for `::`, so a fragment that starts with
 * white space and `::` is as dangerous as a line that does: its first colon is escaped.
 */
const COMMAND_START = /^(\s*):(?=:)/;

export function terminalSafe(text: string): string {
  return visibleControls(text).replace(COMMAND_START, '$1\\u003a');
}

/**
 * The escapes alone, for builders that carry line breaks their own way (a workflow command's `%0A`):
 * `keep` names the characters left for them.
 */
export function visibleControls(text: string, keep = ''): string {
  return text.replace(UNSAFE, (c) => (keep.includes(c) ? c : (SHORT[c] ?? escape(c))));
}

/**
 * The last guard before a CI log, for text that sovscan assembled from safe fragments: two fragments
 * could still meet as `::` at a line start (one ending in `:`, the next starting with it). A line that
 * would start a workflow command gets its first colon escaped. Colours and layout are left alone.
 */
export function noWorkflowCommands(text: string): string {
  return text.replace(/^(\s*):(?=:)/gm, '$1\\u003a');
}

/** An untrusted name inside a sentence: escaped and quoted, so that where it starts and ends is plain. */
export function quoted(text: string): string {
  return `'${terminalSafe(text)}'`;
}

/**
 * Text whose lines sovscan laid out itself (JSON it printed, a multi-line message it built) but whose
 * content is untrusted: each line is made safe on its own, the layout's newlines are kept.
 */
export function safeLines(text: string): string {
  return text.split('\n').map(terminalSafe).join('\n');
}

/**
 * XML 1.0 has no way to write the C0 controls other than tab, LF and CR, nor U+FFFE / U+FFFF: they become
 * U+FFFD. A line break in text that would put `::` at a line start (an SBOM printed with `-o -`, or shown
 * with `cat` in a CI log) is written as a character reference (`&#10;`, `&#13;`: a runner breaks lines at
 * either): the same text to an XML reader, no workflow command to a runner. Markup lines start with `<`,
 * so only text can match.
 */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function xmlSafe(text: string): string {
  return text.replace(NOT_XML, '\ufffd').replace(/[\r\n](?=\s*::)/g, (c) => (c === '\n' ? '&#10;' : '&#13;'));
}

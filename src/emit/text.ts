/**
 * Registry and SBOM text is untrusted. For terminals: drop C0/C1 control characters (ANSI escapes) and
 * Unicode bidi controls, which could rewrite what a person sees.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function terminalSafe(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** XML 1.0 has no way to write the C0 controls other than tab, LF and CR, nor U+FFFE / U+FFFF: they become U+FFFD. */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function xmlSafe(text: string): string {
  return text.replace(NOT_XML, '\ufffd');
}

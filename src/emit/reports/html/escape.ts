import { terminalSafe } from '../../text.js';

/** Text for HTML: control and bidi characters made visible, then markup characters escaped. */
export function html(text: string): string {
  return terminalSafe(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * GitHub Actions workflow commands (`::error file=…,line=…::message`, `::warning`, `::notice`,
 * `::add-mask`, `::group`) and step outputs, built in one place. The runner reads a command from one log
 * line and decodes `%25`, `%0D`, `%0A` in its message, and also `%3A`, `%2C` in its property values (see
 * the runner's ActionCommand escaping, the same that @actions/core applies). Any other control character
 * (ESC, C1, bidi) is written visibly, as in a terminal.
 */
import { randomBytes } from 'node:crypto';
import { visibleControls } from './text.js';

const escapeData = (text: string) => visibleControls(text, '\r\n').replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (text: string) => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

export type CommandName = 'error' | 'warning' | 'notice' | 'add-mask' | 'group' | 'endgroup' | 'debug';

/** One line, ending in a newline, that the runner reads as exactly this command and message. */
export function workflowCommand(name: CommandName, message: string, properties: Record<string, string | number | undefined> = {}): string {
  const props = Object.entries(properties)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(',');
  return `::${name}${props ? ` ${props}` : ''}::${escapeData(message)}\n`;
}

/**
 * A step output in GITHUB_OUTPUT's multi-line form, `name<<DELIMITER`: the delimiter is random, and
 * drawn again in the (astronomically unlikely) case that the value contains it, so that no value can
 * end the block early and set outputs of its own.
 */
export function outputBlock(name: string, value: string): string {
  let delimiter: string;
  do delimiter = `sovscan_${randomBytes(16).toString('hex')}`;
  while (value.includes(delimiter));
  return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
}

/**
 * JSON and YAML parsing that turns syntax errors into messages naming the file, line and column, and
 * refuses documents nested deeper than MAX_DEPTH (depth.ts) before anything recursive reads them.
 */
import { SovscanError } from '../errors.js';
import { jsonTooDeepAt, lineColumn, tooDeep, yamlTooDeepAt } from './depth.js';

/**
 * V8 gives a position for most JSON errors; for an unexpected token it quotes the text around it
 * instead (`Unexpected token '}', ..."ame": }, "c"... is not valid JSON`), ten characters either side.
 */
function errorOffset(text: string, message: string): number | undefined {
  const position = /at position (\d+)/.exec(message);
  if (position) return Number(position[1]);
  const token = /^Unexpected token '(.+?)', (\.\.\.)?"([\s\S]*)"(\.\.\.)? is not valid JSON$/.exec(message);
  if (!token) return undefined;
  const [, char, truncated, snippet] = token as unknown as [string, string, string | undefined, string];
  const at = text.indexOf(snippet);
  if (at < 0) return undefined;
  return at + (truncated ? Math.min(10, snippet.length - 1) : snippet.indexOf(char));
}

/**
 * A parser's own words about an error, capped: a parser may quote the input, and the input is the scanned
 * repository's (escaped where it is printed; capped here so that no long stretch of a file reaches a log).
 */
const MAX_REASON = 160;

export function parserReason(message: string): string {
  return message.length > MAX_REASON ? `${message.slice(0, MAX_REASON)}…` : message;
}

/** Parse JSON; on failure throw `E_PARSE` with the file, line and column, and what to do. */
export function parseJson(text: string, file: string, remedy: string): unknown {
  const deep = jsonTooDeepAt(text);
  if (deep !== undefined) throw tooDeep(file, text, deep, remedy);
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const offset = errorOffset(text, message);
    const where = offset !== undefined ? lineColumn(text, offset) : undefined;
    const at = where ? ` line ${where.line} column ${where.column}` : '';
    const reason = parserReason(message.replace(/ in JSON at position \d+.*$/, '').replace(/, (\.\.\.)?".*"(\.\.\.)? is not valid JSON$/, ''));
    throw new SovscanError('E_PARSE', `Cannot parse ${file}${at}: ${reason}. ${remedy}`, { file, cause: error });
  }
}

/**
 * Parse YAML (one document); on failure throw `E_PARSE` with the file and line. A key repeated in one
 * mapping is an error, as it is for pnpm and yarn themselves: which of the two a reader would take is
 * not something a lockfile should leave open (two `lockfileVersion` keys). The syntax tree is checked
 * for depth before it is composed, since composing recurses.
 */
export async function parseYaml(text: string, file: string, remedy: string): Promise<unknown> {
  // Loaded on demand: only pnpm and yarn 2+ projects and YAML policies pay for the YAML parser.
  const { Composer, Parser } = await import('yaml');
  const tokens = [...new Parser().parse(text)];
  for (const token of tokens) {
    const deep = yamlTooDeepAt(token);
    if (deep !== undefined) throw tooDeep(file, text, deep, remedy);
  }
  const [doc, second] = new Composer({ uniqueKeys: true, merge: false }).compose(tokens, true, text.length);
  const error = doc?.errors[0] ?? (second ? { pos: second.range, message: 'more than one YAML document' } : undefined);
  if (error) {
    const where = lineColumn(text, error.pos[0]);
    const reason = parserReason(error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''));
    throw new SovscanError('E_PARSE', `Cannot parse ${file} line ${where.line} column ${where.column}: ${reason}. ${remedy}`, { file });
  }
  try {
    return doc?.toJS({ maxAliasCount: -1 }) ?? null;
  } catch (cause) {
    // An alias whose anchor comes later or nowhere (`lockfileVersion: *a`) only shows when resolved.
    throw new SovscanError('E_PARSE', `Cannot parse ${file}: ${parserReason((cause as Error).message)}. ${remedy}`, { file, cause });
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function stringRecord(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
}

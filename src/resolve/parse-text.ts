/** JSON and YAML parsing that turns syntax errors into messages naming the file, line and column. */
import { SovscanError } from '../errors.js';

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

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

/** Parse YAML (one document); on failure throw `E_PARSE` with the file and line. */
export async function parseYaml(text: string, file: string, remedy: string): Promise<unknown> {
  // Loaded on demand: only pnpm projects pay for the YAML parser.
  const { parseDocument } = await import('yaml');
  const doc = parseDocument(text, { uniqueKeys: false, merge: false });
  const error = doc.errors[0];
  if (error) {
    const where = error.linePos?.[0];
    const at = where ? ` line ${where.line} column ${where.col}` : '';
    const reason = parserReason(error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''));
    throw new SovscanError('E_PARSE', `Cannot parse ${file}${at}: ${reason}. ${remedy}`, { file });
  }
  return doc.toJS({ maxAliasCount: -1 });
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

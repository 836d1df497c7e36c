/**
 * Errors that stop a run carry a stable `code`; tests match on it and each entry point turns codes into
 * exit codes in one place. Non-fatal problems are not errors: they become `Issue`s on the scan.
 */
export type ErrorCode =
  | 'E_USAGE'
  | 'E_NO_LOCKFILE'
  | 'E_NOT_FOUND'
  | 'E_PARSE'
  | 'E_LOCKFILE_VERSION'
  | 'E_WORKSPACE'
  | 'E_OUTPUT'
  /** An input that is not a regular file inside the project, or an output path that is a symlink. */
  | 'E_UNSAFE_FILE'
  | 'E_INVALID_SBOM'
  | 'E_POLICY'
  | 'E_UPLOAD'
  | 'E_COMMENT'
  /** An input document nested deeper than sovscan reads (src/resolve/depth.ts). */
  | 'E_TOO_DEEP';

export class SovscanError extends Error {
  readonly code: ErrorCode;
  readonly file?: string;
  /** The message is laid out in lines by sovscan, each already made safe: printed line by line. */
  readonly lines: boolean;

  constructor(code: ErrorCode, message: string, options: { file?: string; cause?: unknown; lines?: boolean } = {}) {
    super(message, { cause: options.cause });
    this.name = 'SovscanError';
    this.code = code;
    this.file = options.file;
    this.lines = options.lines ?? false;
  }
}

export function isSovscanError(error: unknown): error is SovscanError {
  return error instanceof SovscanError;
}

/**
 * Exit codes of DESIGN.md §7, and 4 for an error sovscan did not foresee (a bug). 1 means a policy
 * failure and nothing else: a gate that reads 1 as "the policy failed" must never see a crash as one.
 */
export const EXIT = { ok: 0, policy: 1, input: 2, incomplete: 3, internal: 4 } as const;

/** How an error that ends a run is told: sovscan's own by their message, anything else as a bug. */
export function failureReport(error: unknown): { exitCode: number; message: string } {
  if (isSovscanError(error)) return { exitCode: EXIT.input, message: error.message };
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return { exitCode: EXIT.internal, message: `unexpected error (exit ${EXIT.internal}): this is a bug in sovscan; please report it with the command you ran and this message: ${detail}` };
}

/** A message from elsewhere (git, a library) used inside a sentence of ours: its own final full stop dropped. */
export const clause = (text: string): string => text.replace(/[.\s]+$/, '');

/**
 * Progress on stderr while registry documents arrive. On a terminal, a one-line bar redrawn in place. In
 * a CI log or a pipe, where a redrawn line would be noise, one plain line every few seconds (done/total,
 * failures so far), so that a cold scan of a large tree never leaves a log silent for minutes; a run that
 * ends before the first interval prints nothing.
 */
export type Progress = ((done: number, total: number, failed?: number) => void) & { finish(): void };

/** How often a log gets a line: often enough to show life, rarely enough to stay readable. */
export const LOG_INTERVAL_MS = 5_000;

export function progressBar(stream: NodeJS.WriteStream = process.stderr, label = 'Fetching registry metadata', interval = LOG_INTERVAL_MS): Progress {
  return stream.isTTY ? terminalBar(stream, label) : logLines(stream, interval);
}

function terminalBar(stream: NodeJS.WriteStream, label: string): Progress {
  let lastDraw = 0;
  let drawn = false;
  const draw = (done: number, total: number) => {
    const now = Date.now();
    if (done < total && now - lastDraw < 80) return;
    lastDraw = now;
    const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - label.length - 20));
    const filled = total === 0 ? width : Math.round((done / total) * width);
    stream.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}`);
    drawn = true;
  };
  return Object.assign(draw, {
    finish() {
      if (drawn) stream.write('\r\u001b[2K');
    },
  });
}

function logLines(stream: NodeJS.WritableStream, interval: number): Progress {
  const started = Date.now();
  let state = { done: 0, total: 0, failed: 0 };
  let printed = false;
  let timer: NodeJS.Timeout | undefined;
  const line = () => {
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    const failed = state.failed > 0 ? `, ${state.failed} failed so far` : '';
    stream.write(`sovscan: registry documents ${state.done}/${state.total}${failed} (${seconds} s)\n`);
    printed = true;
  };
  // A timer, not the arrivals, sets the pace: a registry that answers nothing for a while still gets lines.
  const update = (done: number, total: number, failed = 0) => {
    state = { done, total, failed };
    timer ??= setInterval(line, interval).unref();
  };
  return Object.assign(update, {
    finish() {
      clearInterval(timer);
      // a log that showed progress also shows where it ended
      if (printed && state.done !== state.total) line();
      else if (printed) stream.write(`sovscan: registry documents ${state.done}/${state.total} done${state.failed > 0 ? `, ${state.failed} failed` : ''}\n`);
    },
  });
}

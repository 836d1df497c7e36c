/**
 * A one-line progress bar on stderr, only when stderr is a terminal (never in CI logs or pipes).
 */
export function progressBar(stream: NodeJS.WriteStream = process.stderr, label = 'Fetching registry metadata'): ((done: number, total: number) => void) & { finish(): void } {
  let lastDraw = 0;
  let drawn = false;
  const draw = (done: number, total: number) => {
    if (!stream.isTTY) return;
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
      if (drawn && stream.isTTY) stream.write('\r\u001b[2K');
    },
  });
}

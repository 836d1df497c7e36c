/** Progress: a bar redrawn in place on a terminal; plain, timed lines in a CI log; nothing for a quick run. */
import { PassThrough } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { progressBar } from '../src/progress.js';

function stream(tty: boolean): NodeJS.WriteStream & { text(): string } {
  const out = new PassThrough();
  let text = '';
  out.setEncoding('utf8').on('data', (d: string) => (text += d));
  return Object.assign(out, { isTTY: tty, columns: 80, text: () => text }) as unknown as NodeJS.WriteStream & { text(): string };
}

describe('progressBar', () => {
  it('in a log: one plain line per interval with done/total and failures so far, then where it ended', async () => {
    const log = stream(false);
    const progress = progressBar(log, 'Fetching', 30);
    progress(1, 10, 0);
    await sleep(45);
    progress(4, 10, 1);
    await sleep(45);
    progress(10, 10, 2);
    progress.finish();
    await sleep(5);
    const lines = log.text().trimEnd().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) expect(line).toMatch(/^sovscan: registry documents \d+\/10/);
    expect(lines.some((l) => /4\/10, 1 failed so far/.test(l))).toBe(true);
    expect(lines.at(-1)).toBe('sovscan: registry documents 10/10 done, 2 failed');
    expect(log.text()).not.toContain('\r');
    expect(log.text()).not.toContain('\u001b');
  });

  it('in a log: a run shorter than the interval prints nothing', async () => {
    const log = stream(false);
    const progress = progressBar(log, 'Fetching', 10_000);
    progress(5, 5);
    progress.finish();
    await sleep(5);
    expect(log.text()).toBe('');
  });

  it('in a log: lines keep coming while nothing arrives', async () => {
    const log = stream(false);
    const progress = progressBar(log, 'Fetching', 20);
    progress(0, 3);
    await sleep(75);
    progress.finish();
    await sleep(5);
    expect(log.text().split('\n').filter((l) => l.startsWith('sovscan: registry documents 0/3')).length).toBeGreaterThanOrEqual(2);
  });

  it('on a terminal: a bar redrawn in place, cleared at the end', async () => {
    const tty = stream(true);
    const progress = progressBar(tty, 'Fetching');
    progress(3, 3);
    progress.finish();
    await sleep(5);
    expect(tty.text()).toBe(`\rFetching [${'#'.repeat(40)}] 3/3\r\u001b[2K`);
  });
});

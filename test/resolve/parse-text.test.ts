/** Parse errors name the file, line and column, and quote at most a short, capped piece of the input. */
import { describe, expect, it } from 'vitest';
import { parseJson, parseYaml, parserReason } from '../../src/resolve/parse-text.js';

const LONG = 'Q'.repeat(5000);

describe('parse errors', () => {
  it('cap what a parser says', () => {
    expect(parserReason('short')).toBe('short');
    expect(parserReason(`Unexpected ${LONG}`)).toHaveLength(161);
  });

  it.each([
    ['JSON', () => parseJson(`{"a": tru${LONG}}`, 'package-lock.json', 'Regenerate it')],
    ['YAML', () => parseYaml(`a: [${LONG}\n b: "${LONG}`, 'pnpm-lock.yaml', 'Regenerate it')],
  ])('%s: the message stays short whatever the input', async (_, parse) => {
    const error = await Promise.resolve().then(parse).catch((e: unknown) => e as Error & { code: string });
    expect(error).toMatchObject({ code: 'E_PARSE' });
    expect((error as Error).message.length).toBeLessThan(300);
    expect((error as Error).message).not.toContain('Q'.repeat(200));
  });
});

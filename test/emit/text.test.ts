/**
 * The one escaping for terminals and CI logs: for any string, nothing of it can drive a terminal, start a
 * line, or start a workflow command. Seeded and bounded so that the suite stays fast.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostile, SEEDED } from './hostile.js';
import { noWorkflowCommands, quoted, safeLines, terminalSafe, visibleControls, xmlSafe } from '../../src/emit/text.js';

// Every control, format or line/paragraph separator character (Unicode general categories Cc, Cf, Zl, Zp).
const CONTROL = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
const COMMAND_LINE = /^\s*::/;

describe('terminalSafe', () => {
  it('leaves no control or format character and no line at all, for any string', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const safe = terminalSafe(text);
        expect(safe).not.toMatch(CONTROL);
        expect(COMMAND_LINE.test(safe)).toBe(false);
        // Placed at a line start after indentation, as the summary and explain do.
        expect(COMMAND_LINE.test(`    ${safe}`)).toBe(false);
      }),
      SEEDED,
    );
  });

  it.each([
    ['a forged workflow command', 'evil\n::error::forged', 'evil\\n::error::forged'],
    ['a carriage return (a runner breaks lines at it too)', 'x\r::add-mask::y', 'x\\r::add-mask::y'],
    ['ESC and C1', '\u001b[2J\u009b31m', '\\u001b[2J\\u009b31m'],
    ['bidi override', 'a\u202eb', 'a\\u202eb'],
    ['a command at the start', '::stop-commands::t', '\\u003a:stop-commands::t'],
    ['a command after leading space', '  ::error::x', '  \\u003a:error::x'],
    ['plain text', 'left-pad@1.3.0: ok', 'left-pad@1.3.0: ok'],
    ['unicode text', 'café ✓ 名前', 'café ✓ 名前'],
  ])('%s', (_, text, expected) => {
    expect(terminalSafe(text)).toBe(expected);
  });

  it('quotes a name so that where it starts and ends is plain', () => {
    expect(quoted('a\nb')).toBe("'a\\nb'");
  });
});

describe('safeLines and noWorkflowCommands', () => {
  it('keep the layout of text sovscan built, and no line of it starts a command', () => {
    fc.assert(
      fc.property(fc.array(hostile, { maxLength: 5 }), (values) => {
        const json = safeLines(JSON.stringify({ values }, null, 2));
        expect(JSON.parse(json)).toEqual({ values: values.map((v) => JSON.parse(safeLines(JSON.stringify(v)))) });
        for (const line of json.split('\n')) expect(line).not.toMatch(COMMAND_LINE);
      }),
      SEEDED,
    );
  });

  it('the last guard catches two safe fragments that meet as ::', () => {
    const joined = `${terminalSafe('  :')}${terminalSafe(':error::x')}\nok`;
    expect(joined.split('\n')[0]).toMatch(COMMAND_LINE);
    expect(noWorkflowCommands(joined)).toBe('  \\u003a:error::x\nok');
    expect(noWorkflowCommands('a\r::x')).toBe('a\r\\u003a:x');
  });

  it('visibleControls keeps only what it is told to', () => {
    expect(visibleControls('a\nb\u001b', '\n')).toBe('a\nb\\u001b');
  });
});

describe('xmlSafe', () => {
  it('writes a line break before :: as a character reference, so no XML line starts a command', () => {
    expect(xmlSafe('<name>evil\n::error::forged</name>\n  <v>\r::x</v>')).toBe('<name>evil&#10;::error::forged</name>\n  <v>&#13;::x</v>');
  });
});

describe('characters outside the basic plane', () => {
  it('a tag character (invisible) is escaped as its two UTF-16 units, which JSON reads back', () => {
    expect(terminalSafe('a\u{e0041}b')).toBe('a\\udb40\\udc41b');
    expect(JSON.parse(safeLines(JSON.stringify('a\u{e0041}')))).toBe('a\u{e0041}');
  });
});

/**
 * Workflow commands and step outputs: whatever the text, the runner reads exactly one command with
 * exactly that message (decoded by its rules), and no value can end an output block early.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { visibleControls } from '../../src/emit/text.js';
import { outputBlock, workflowCommand } from '../../src/emit/workflow-commands.js';
import { hostile, SEEDED } from './hostile.js';
const CONTROL = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

/** The runner's decoding (ActionCommand: the same replacements, in the same order). */
const decodeData = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
const decodeProperty = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');

/** A command line as the runner splits it: `::name k=v,k=v::message`. */
function parse(line: string): { name: string; properties: Record<string, string>; message: string } {
  const match = /^::([\w-]+)(?: ([^:]*))?::(.*)$/.exec(line);
  if (!match) throw new Error(`not a command: ${line}`);
  const properties: Record<string, string> = {};
  for (const pair of (match[2] ?? '').split(',').filter(Boolean)) {
    const eq = pair.indexOf('=');
    properties[pair.slice(0, eq)] = decodeProperty(pair.slice(eq + 1));
  }
  return { name: match[1]!, properties, message: decodeData(match[3]!) };
}

describe('workflowCommand', () => {
  it('is one line whose decoded message and properties are the input, controls other than line breaks made visible', () => {
    fc.assert(
      fc.property(hostile, hostile, (message, title) => {
        const line = workflowCommand('error', message, { file: 'package-lock.json', line: 3, title });
        expect(line.endsWith('\n')).toBe(true);
        const body = line.slice(0, -1);
        expect(body).not.toMatch(CONTROL);
        const parsed = parse(body);
        expect(parsed.name).toBe('error');
        expect(parsed.message).toBe(visibleControls(message, '\r\n'));
        expect(parsed.properties).toEqual({ file: 'package-lock.json', line: '3', title: visibleControls(title, '\r\n') });
      }),
      SEEDED,
    );
  });

  it('carries plain text (line breaks, percent, colons, commas) exactly', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii' }).map((s) => s.replace(/[\p{Cc}]/gu, '\n')), (message) => {
        expect(parse(workflowCommand('warning', message, { title: message }).slice(0, -1))).toEqual({ name: 'warning', properties: { title: message }, message });
      }),
      SEEDED,
    );
  });

  it.each([
    ['a forged command in a package name', 'evil\n::error::forged', '::notice::evil%0A::error::forged\n'],
    ['ESC made visible', 'red \u001b[31m', '::notice::red \\u001b[31m\n'],
    ['percent', '100%', '::notice::100%25\n'],
  ])('%s', (_, message, expected) => {
    expect(workflowCommand('notice', message)).toBe(expected);
  });
});

describe('outputBlock', () => {
  it('uses a fresh random delimiter that the value does not contain', () => {
    const a = outputBlock('risk', 'high');
    const b = outputBlock('risk', 'high');
    expect(a).not.toBe(b);
    const [, delimiter] = /^risk<<(\S+)\n/.exec(a)!;
    expect(a).toBe(`risk<<${delimiter}\nhigh\n${delimiter}\n`);
  });

  it('a value cannot set another output: the block ends only at its own delimiter', () => {
    const value = 'x\nsovscan_guess\nrisk=none\nother<<EOF\ny\nEOF';
    const block = outputBlock('new-findings', value);
    const [, delimiter] = /^new-findings<<(\S+)\n/.exec(block)!;
    expect(block.split('\n').filter((l) => l === delimiter)).toHaveLength(1);
    expect(block.slice(block.indexOf('\n') + 1, block.lastIndexOf(`\n${delimiter}\n`))).toBe(value);
  });
});

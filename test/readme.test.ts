/**
 * The README's examples are the ones the tools take: every option its command lines use is one their
 * command lists, and every input its workflow examples pass is one action.yml declares, with a value the
 * Action's input check accepts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readInputs } from '../src/github/inputs.js';
import { REPO, runCli } from './helpers.js';

const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
const blocks = (lang: string) => [...readme.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);

describe('the README', () => {
  const lines = blocks('sh').flatMap((b) => b.split('\n')).filter((l) => /^(npx )?sovscan \w/.test(l)).map((l) => l.replace(/\s+#.*$/, '').replace(/^npx /, ''));

  it('has command-line examples', () => expect(lines.length).toBeGreaterThan(20));

  it('uses only options each command lists in its help', async () => {
    const help = new Map<string, string>();
    for (const line of lines) {
      const [, command, ...args] = line.split(/\s+/);
      if (!help.has(command!)) help.set(command!, (await runCli([command!, '--help'])).stdout);
      for (const flag of args.filter((a) => a.startsWith('-') && a !== '-')) {
        const name = flag.split('=')[0]!;
        expect(help.get(command!), `${line}: ${name}`).toMatch(new RegExp(`(^|\\s|, )${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[\\s,]`, 'm'));
      }
    }
  });

  it("passes the Action only inputs action.yml declares, with values its check accepts", () => {
    const declared = Object.keys((parse(readFileSync(join(REPO, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown> }).inputs);
    const steps = blocks('yaml')
      .map((b) => parse(b) as { jobs?: Record<string, { steps?: { uses?: string; with?: Record<string, unknown> }[] }> })
      .flatMap((doc) => Object.values(doc?.jobs ?? {}).flatMap((job) => job.steps ?? []))
      .filter((s) => s.uses?.startsWith('OWNER/sovscan'));
    expect(steps.length).toBeGreaterThanOrEqual(2);
    for (const step of steps) {
      const inputs = step.with ?? {};
      for (const key of Object.keys(inputs)) expect(declared, key).toContain(key);
      // expressions (${{ … }}) are the workflow's to fill in: a stand-in value of the right kind is checked
      const env = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, /\$\{\{/.test(String(v)) ? (k === 'policy' ? 'eu-sovereignty' : k.endsWith('url') ? 'https://dtrack.example.org' : 'x') : String(v)]));
      expect(() => readInputs('/workspace', { HOME: '/home/runner', ...env })).not.toThrow();
    }
  });
});

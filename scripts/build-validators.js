// Build step: precompile the CycloneDX JSON schemas shipped in @cyclonedx/cyclonedx-library into
// standalone Ajv validators (lib/generated/), with the same schema files, referenced schemas, Ajv options
// and formats that the library's JsonStrictValidator uses. The library compiles its schema on every run
// (about 300 ms); the generated code is the same validator without that cost, and without the three
// top-level uniqueItems checks that validateJsonBom makes itself. A test checks that both agree on valid
// and invalid documents.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { cycloneDxAjv, readCdxSchema } from '../src/resolve/sbom/cyclonedx-ajv.js';

const OUT = fileURLToPath(new URL('../lib/generated/', import.meta.url));

/**
 * Two rewrites of the generated code that keep every answer and skip work:
 * * Ajv checks a long enum (the SPDX licence list: ~700 ids, once per licence) by deep-comparing the
 *   value with each member in turn. For an enum of primitives that is a set lookup, with the same answer
 *   (deep equality of primitives is SameValueZero); enums with objects keep the loop.
 * * String lengths are counted in code points (ucs2length). `minLength: 1` holds exactly when the string
 *   is not empty, and a string of at most N UTF-16 units has at most N code points, so `maxLength: N`
 *   needs the count only for longer strings.
 */
function optimise(code) {
  const ucs2 = /const (func\d+) = require\("ajv\/dist\/runtime\/ucs2length"\)\.default/.exec(code)?.[1];
  if (ucs2) {
    code = code.replaceAll(new RegExp(`${ucs2}\\(([\\w.]+)\\) < 1\\b`, 'g'), '$1.length < 1');
    code = code.replaceAll(new RegExp(`${ucs2}\\(([\\w.]+)\\) > (\\d+)\\b`, 'g'), `($1.length > $2 && ${ucs2}($1) > $2)`);
  }
  return setEnums(code);
}

function setEnums(code) {
  const loop = /for\(const (v\d+) of (schema\d+)\.enum\)\{if\(func0\(([\w.]+), \1\)\)\{(valid\d+) = true;break;\}\}/g;
  const helper =
    'const enumSets = new WeakMap();' +
    'function enumHas(values, data, equal) { let set = enumSets.get(values); if (set === undefined) { set = values.every((v) => v === null || typeof v !== "object") ? new Set(values) : null; enumSets.set(values, set); } return set ? set.has(data) : values.some((v) => equal(data, v)); }';
  const replaced = code.replace(loop, (_, _v, schema, data, valid) => `${valid} = enumHas(${schema}.enum, ${data}, func0);`);
  return replaced === code ? code : replaced.replace('"use strict";', `"use strict";${helper}`);
}

mkdirSync(OUT, { recursive: true });
writeFileSync(
  join(OUT, 'cdx-formats.cjs'),
  [
    '// Formats for the generated CycloneDX validators: ajv-formats (full) and idn-email from ajv-formats-draft2019,',
    '// as registered by @cyclonedx/cyclonedx-library; iri-reference is accepted as the library does.',
    "const { fullFormats } = require('ajv-formats/dist/formats');",
    "const idnEmail = require('ajv-formats-draft2019/formats/idn-email');",
    '// idn-email runs a full grammar parser per address (about half a millisecond each). Most addresses are',
    '// an ASCII dot-atom at a fully qualified host name with labels of at most 63 characters and a top-level',
    '// label of two or more: RFC 5321 mailboxes the parser accepts, so they skip it. Anything else (quoted',
    '// local parts, address literals, non-ASCII, odd lengths) goes to the parser, and its answer is',
    '// remembered: the same maintainers recur across packages.',
    "const ATEXT = \"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+\";",
    "const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';",
    'const PLAIN = new RegExp(`^${ATEXT}(?:\\\\.${ATEXT})*@(?:${LABEL}\\\\.)+${LABEL}$`);',
    "const plain = (value) => value.length <= 254 && PLAIN.test(value) && value.length - value.lastIndexOf('.') > 2;",
    'const seen = new Map();',
    "const memoEmail = (value) => { if (plain(value)) return true; let ok = seen.get(value); if (ok === undefined) { ok = idnEmail(value); seen.set(value, ok); } return ok; };",
    "module.exports = { ...fullFormats, 'idn-email': memoEmail, 'iri-reference': true };",
    '',
  ].join('\n'),
);

for (const version of ['1.5', '1.6', '1.7']) {
  // The library's set-up (src/resolve/sbom/cyclonedx-ajv.js), emitting code that takes its formats from cdx-formats.cjs.
  const ajv = await cycloneDxAjv({ code: { source: true, formats: Ajv._`require("./cdx-formats.cjs")` } });
  // uniqueItems on the top-level components, dependencies and annotations is checked pairwise by Ajv
  // (quadratic: thousands of deep comparisons on a big tree). validateJsonBom checks instead that their
  // bom-refs, refs and subjects are distinct, which makes the items distinct; the rest is unchanged.
  const schema = readCdxSchema(`bom-${version}.SNAPSHOT.schema.json`);
  for (const key of ['components', 'dependencies', 'annotations']) delete schema.properties[key].uniqueItems;
  const validate = ajv.compile(schema);
  writeFileSync(join(OUT, `cdx-validate-${version}.cjs`), optimise(standaloneCode.default(ajv, validate)));
}

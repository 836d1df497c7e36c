/**
 * Read a vendor's SBOM: CycloneDX 1.2–1.7 (JSON or XML) or SPDX 2.2–2.3 (JSON). Every schema problem is
 * reported with its place and the rest is processed; only a file that cannot be read as one of these
 * formats is refused (exit 2, naming the file and what is wrong).
 */
import { SovscanError } from '../../errors.js';
import { lineColumn, tooDeep } from '../depth.js';
import { readInputFile } from '../input-file.js';
import { isRecord, parseJson } from '../parse-text.js';
import { readCycloneDxJson } from './cyclonedx-json.js';
import { readCycloneDxXml } from './cyclonedx-xml.js';
import { cycloneDxJsonProblems, cycloneDxXmlProblems, CYCLONEDX_VERSIONS, spdxJsonProblems } from './schema.js';
import { readSpdxJson } from './spdx-json.js';
import type { SchemaProblem, VendorSbom } from './types.js';
import type { XmlElement } from './xml-dom.js';
import { scanXml } from './xml-scan.js';

export interface ReadSbom {
  sbom: VendorSbom;
  /** Every schema problem; empty when the document is valid. */
  problems: SchemaProblem[];
  /** Set when the schema could not be checked (the XML validator is optional). */
  unchecked?: string;
}

const CDX_NAMESPACE = /^http:\/\/cyclonedx\.org\/schema\/bom\/(\d+\.\d+)$/;

function refuse(file: string, what: string): never {
  throw new SovscanError('E_PARSE', `Cannot read ${file}: ${what}. Give a CycloneDX (JSON or XML, 1.2–1.7) or SPDX 2.3 JSON SBOM`, { file });
}

function checkCycloneDxVersion(file: string, version: string): void {
  if (!(CYCLONEDX_VERSIONS as readonly string[]).includes(version)) refuse(file, `CycloneDX ${version || '(no specVersion)'} is not a version sovscan reads`);
}

export async function readVendorSbom(file: string): Promise<ReadSbom> {
  // The path is the user's choice, so a symlink may lead anywhere; but it must end in a regular file.
  const text = await readInputFile(file, { remedy: 'Check the path' });
  if (text.trimStart().startsWith('<')) return readXml(file, text);
  const doc = parseJson(text, file, 'Fix the JSON syntax, or export the SBOM again');
  if (!isRecord(doc)) refuse(file, 'the document is not a JSON object');
  if (doc.bomFormat === 'CycloneDX') {
    const version = typeof doc.specVersion === 'string' ? doc.specVersion : '';
    checkCycloneDxVersion(file, version);
    return { sbom: readCycloneDxJson(file, doc), problems: await cycloneDxJsonProblems(doc, version) };
  }
  if (typeof doc.spdxVersion === 'string') {
    if (!/^SPDX-2\.[23]$/.test(doc.spdxVersion)) refuse(file, `${doc.spdxVersion} is not a version sovscan reads (SPDX 2.2 and 2.3 JSON)`);
    return { sbom: readSpdxJson(file, doc), problems: await spdxJsonProblems(doc) };
  }
  refuse(file, 'neither a CycloneDX document (no "bomFormat": "CycloneDX") nor an SPDX one (no "spdxVersion")');
}

/**
 * xmlbuilder2's parser forgives unclosed elements; libxmljs2 (an optional dependency) does not, so it
 * decides well-formedness where it is installed. No network, no entity expansion, no DTD loading.
 */
async function checkWellFormed(file: string, text: string): Promise<void> {
  let parseXml: ((text: string, options: object) => unknown) | undefined;
  try {
    parseXml = ((await import('libxmljs2')) as unknown as { parseXml: typeof parseXml }).parseXml;
  } catch {
    return;
  }
  try {
    parseXml!(text, { nonet: true, noent: false, dtdload: false, compact: true });
  } catch (error) {
    const e = error as { message?: string; line?: number; column?: number };
    refuse(file, `not well-formed XML (${e.line ? `line ${e.line}${e.column ? ` column ${e.column}` : ''}: ` : ''}${(e.message ?? '').trim()})`);
  }
}

async function readXml(file: string, text: string): Promise<ReadSbom> {
  const problem = scanXml(text);
  if (problem?.kind === 'depth') throw tooDeep(file, text, problem.offset, 'Give a CycloneDX SBOM whose components nest less deeply');
  if (problem?.kind === 'doctype') {
    const { line, column } = lineColumn(text, problem.offset);
    refuse(file, `line ${line} column ${column} declares a DOCTYPE (a DTD, entities), which a CycloneDX document never needs and sovscan does not read; remove it`);
  }
  await checkWellFormed(file, text);
  const { create } = await import('xmlbuilder2');
  let doc;
  try {
    doc = create(text);
  } catch (error) {
    refuse(file, `not well-formed XML (${(error as Error).message.split('\n')[0]})`);
  }
  const bom = (doc.root().node as unknown as XmlElement);
  const version = CDX_NAMESPACE.exec(bom.namespaceURI ?? '')?.[1];
  if (bom.localName !== 'bom' || !version) refuse(file, `the root element is <${bom.localName}> in namespace ${bom.namespaceURI ?? '(none)'}, not a CycloneDX <bom>`);
  checkCycloneDxVersion(file, version);
  const problems = await cycloneDxXmlProblems(text, version);
  return {
    sbom: readCycloneDxXml(file, doc, bom, version),
    problems: problems ?? [],
    unchecked: problems === undefined ? 'the XML schema check needs the optional dependency libxmljs2, which is not installed' : undefined,
  };
}

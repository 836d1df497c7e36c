/**
 * Which findings a pull request's reviewer sees as annotations, and on which line. GitHub shows ten
 * annotations per step, so at most nine go to findings and one is left for the verdict, which must always
 * show. With a base, the findings the change adds or raises come first (they are what fails the step) as
 * errors or warnings; findings already on the base follow only while room remains, as notices, so that
 * nothing the change did not bring reads as red. A direct dependency is annotated on its line in
 * package.json, the line its author changed; a transitive one on its lockfile line, naming the direct
 * dependency that pulls it in.
 */
import { dirname, join, relative, resolve } from 'node:path';
import { bySeverity, fails, type RiskLevel } from '../assess/levels.js';
import type { Finding } from '../assess/index.js';
import { findingsFile, lockfileLocator, manifestLocator, type Location } from '../emit/locate.js';
import type { Scan } from '../model.js';
import { readOptionalInput } from '../resolve/input-file.js';

export const MAX_FINDING_ANNOTATIONS = 9;

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  file: string;
  line: number;
  column: number;
  title: string;
  message: string;
}

const levelOf = (risk: RiskLevel): Annotation['level'] => (risk === 'critical' || risk === 'high' ? 'error' : risk === 'medium' ? 'warning' : 'notice');

/**
 * package.json beside the lockfile, read as every repository input is (a regular file inside the
 * project); it is only searched for lines, and one that cannot be read leaves the lockfile's lines.
 */
async function manifestText(lockfile: string | undefined): Promise<{ file: string; text: string } | undefined> {
  if (!lockfile) return undefined;
  const project = dirname(resolve(lockfile));
  const file = join(project, 'package.json');
  const text = await readOptionalInput(file, project).catch(() => undefined);
  return text === undefined ? undefined : { file, text };
}

export async function findingAnnotations(scan: Scan, workspace: string): Promise<Annotation[]> {
  const findings = [...(scan.assessment?.findings.values() ?? [])].filter((f) => fails(f.level, 'low'));
  const gated = scan.drift ? new Set(scan.drift.newFindings.map((f) => f.package)) : undefined;
  const order = (a: Finding, b: Finding) => bySeverity(a.level, b.level) || a.package.localeCompare(b.package);
  const first = findings.filter((f) => !gated || gated.has(f.package)).sort(order);
  const rest = gated ? findings.filter((f) => !gated.has(f.package)).sort(order) : [];
  const chosen = [...first, ...rest].slice(0, MAX_FINDING_ANNOTATIONS);

  const lockfile = findingsFile(scan.graph, workspace);
  const locate = lockfileLocator(scan.graph.lockfile);
  const manifest = await manifestText(scan.graph.lockfile?.path);
  const declared = manifestLocator(manifest?.text);
  const manifestFile = manifest ? relative(workspace, manifest.file).split('\\').join('/') : undefined;
  const direct = scan.graph.root.dependencies;
  return chosen.map((f) => {
    const node = scan.graph.nodes.get(f.package)!;
    const already = gated !== undefined && !gated.has(f.package);
    const at: Location | undefined = direct.has(node.id) ? [node.name, ...node.aliases].map(declared).find(Boolean) : undefined;
    const via = f.path.length > 2 ? ` It is pulled in by ${f.path[1]}.` : '';
    const title = `sovscan: ${f.level} risk in ${node.name}@${node.version}${already ? ' (already on the base)' : ''}`;
    const message = `${f.reasons.join(' ')}${at ? '' : via}`;
    if (at && manifestFile) return { level: already ? 'notice' : levelOf(f.level), file: manifestFile, ...at, title, message };
    const where = locate(node) ?? { line: 1, column: 1 };
    return { level: already ? 'notice' : levelOf(f.level), file: lockfile, ...where, title, message };
  });
}

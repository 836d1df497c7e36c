/**
 * The GitHub Action entry (action.yml → dist/index.mjs): inputs from `INPUT_*`, the same options and
 * defaults as the CLI, the pipeline, then what a runner shows: the job summary, at most ten annotations on
 * the lockfile lines of the worst findings, outputs, and the exit code.
 */
import { appendFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { BY_SEVERITY, bySeverity, fails, RISK_LEVELS, type RiskLevel } from './assess/levels.js';
import { findingsFile, lockfileLocator } from './emit/locate.js';
import { emitMarkdown } from './emit/reports/markdown.js';
import { emitSarif } from './emit/reports/sarif.js';
import { terminalSafe } from './emit/text.js';
import { outputBlock, workflowCommand } from './emit/workflow-commands.js';
import { writeOutput } from './emit/write.js';
import { nerfDart } from './enrich/registry-config.js';
import { EXIT, failureReport, isSovscanError, SovscanError } from './errors.js';
import { UPLOAD_DEFAULTS, uploadToDependencyTrack } from './upload/dependency-track.js';
import type { Scan } from './model.js';
import { DEFAULTS, OMIT_KINDS, type ScanOptions } from './options.js';
import { runPipeline } from './pipeline.js';
import type { OmitKind } from './resolve/lockgraph.js';

/**
 * The inputs, read once and then removed from the environment before anything reads a configuration
 * file: a committed `.npmrc` could otherwise expand `${INPUT_TOKEN}` into a token for a host of its
 * choosing (docs/security.md). GitHub passes input `fail-on` as `INPUT_FAIL-ON` (Actions metadata syntax).
 */
const inputs = new Map<string, string>();
function takeInputs(): void {
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('INPUT_')) continue;
    if (value?.trim()) inputs.set(key, value.trim());
    delete process.env[key];
  }
}
function input(name: string): string | undefined {
  return inputs.get(`INPUT_${name.replace(/ /g, '_').toUpperCase()}`);
}
const listInput = (name: string) => (input(name) ?? '').split(/[\s,]+/).filter(Boolean);

function setOutput(name: string, value: string): void {
  const file = process.env.GITHUB_OUTPUT;
  if (file) appendFileSync(file, outputBlock(name, value));
}

function annotations(scan: Scan, workspace: string): string[] {
  const locate = lockfileLocator(scan.graph.lockfile);
  const file = findingsFile(scan.graph, workspace);
  const worst = [...(scan.assessment?.findings.values() ?? [])]
    .filter((f) => fails(f.level, 'low'))
    .sort((a, b) => bySeverity(a.level, b.level) || a.package.localeCompare(b.package))
    .slice(0, 10);
  return worst.map((f) => {
    const node = scan.graph.nodes.get(f.package)!;
    const where = locate(node) ?? { line: 1, column: 1 };
    const command = f.level === 'critical' || f.level === 'high' ? 'error' : f.level === 'medium' ? 'warning' : 'notice';
    return workflowCommand(command, f.reasons.join(' '), { file, line: where.line, col: where.column, title: `sovscan: ${f.level} risk in ${node.name}@${node.version}` });
  });
}

export async function runAction(): Promise<number> {
  takeInputs();
  const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
  const token = input('token');
  const registry = input('registry');
  const dtKey = input('dependency-track-api-key');
  if (dtKey) process.stdout.write(workflowCommand('add-mask', dtKey));
  if (token) {
    // Mask first, so that no later line of the log can show it.
    process.stdout.write(workflowCommand('add-mask', token));
    if (registry) process.env[`npm_config_${nerfDart(registry)}:_authToken`] = token;
  }
  const failOn = (input('fail-on') ?? DEFAULTS.failOn) as RiskLevel;
  if (!RISK_LEVELS.includes(failOn)) throw new SovscanError('E_USAGE', `Input fail-on must be one of ${RISK_LEVELS.join(', ')}, not ${failOn}`);
  const omit = listInput('omit') as OmitKind[];
  for (const kind of omit) if (!OMIT_KINDS.includes(kind)) throw new SovscanError('E_USAGE', `Input omit takes ${OMIT_KINDS.join(', ')}, not ${kind}`);
  const sbomPath = resolve(workspace, input('sbom') ?? DEFAULTS.output);
  const options: ScanOptions = {
    ...DEFAULTS,
    target: resolve(workspace, input('path') ?? DEFAULTS.target),
    output: sbomPath,
    specVersion: (input('spec-version') ?? DEFAULTS.specVersion) as ScanOptions['specVersion'],
    omit,
    workspace: input('workspace'),
    cacheDir: input('cache-dir'),
    registry,
    allowEnv: listInput('allow-env'),
    allowedRegistries: listInput('allowed-registries'),
    policy: input('policy') ?? DEFAULTS.policy,
    failOn,
    reports: [],
    base: input('base'),
  };
  const { scan, sbom } = await runPipeline(options);
  // The workspace is the pull request's: no output is written through a symlink it commits.
  const write = (file: string, text: string) => writeOutput(file, text, { root: workspace });
  await write(sbomPath, sbom);
  setOutput('sbom-path', sbomPath);
  const sarifInput = input('sarif');
  if (sarifInput) {
    const sarifPath = resolve(workspace, sarifInput);
    await write(sarifPath, emitSarif(scan, { cwd: workspace }));
    setOutput('sarif-path', sarifPath);
  }
  const markdown = emitMarkdown(scan, { failOn });
  const markdownInput = input('markdown');
  if (markdownInput) await write(resolve(workspace, markdownInput), markdown);
  if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, markdown);
  const totals = scan.assessment!.totals;
  const highest = BY_SEVERITY.find((l) => totals[l] > 0) ?? 'none';
  setOutput('risk', highest);
  setOutput('counts', JSON.stringify(totals));
  for (const line of annotations(scan, workspace)) process.stdout.write(line);
  const dtUrl = input('dependency-track-url');
  if (dtUrl) {
    const project = input('dependency-track-project') ?? scan.graph.root.name;
    if (!dtKey || !project) throw new SovscanError('E_USAGE', 'Input dependency-track-url needs dependency-track-api-key (from a secret) and a project (dependency-track-project, or the package name)');
    // Each branch is a project version, so that the default branch and pull requests stay apart.
    const version = process.env.GITHUB_HEAD_REF || process.env.GITHUB_REF_NAME || scan.graph.root.version || 'latest';
    const result = await uploadToDependencyTrack(sbomPath, { ...UPLOAD_DEFAULTS, url: dtUrl, apiKey: dtKey, projectName: project, projectVersion: version });
    process.stdout.write(`sovscan: uploaded the SBOM to Dependency-Track project ${terminalSafe(project)} ${terminalSafe(version)}${result.processed ? '' : ' (still processing)'}\n`);
  }
  for (const issue of scan.issues.filter((i) => i.package === undefined)) process.stdout.write(workflowCommand('warning', issue.message));
  if (scan.drift) setOutput('new-findings', JSON.stringify(scan.drift.newFindings.map((f) => ({ package: f.package, level: f.level, reasons: f.reasons, path: f.path }))));
  const gated = scan.drift ? scan.drift.newFindings : [...scan.assessment!.findings.values()];
  const violated = gated.some((f) => fails(f.level, failOn));
  if (violated) process.stdout.write(workflowCommand('error', `sovscan: packages at ${failOn} risk or above under policy ${scan.assessment!.policy.id}; see the job summary`));
  return violated ? EXIT.policy : EXIT.ok;
}

/** Exit 2 for an input error, 4 for a bug (never 1, which fails the step as a policy violation would). */
export function failStep(error: unknown): number {
  const { exitCode, message } = failureReport(error);
  process.stdout.write(workflowCommand('error', isSovscanError(error) ? message : `sovscan failed: ${message}`));
  return exitCode;
}

export async function main(): Promise<void> {
  // An error thrown outside the run's promise chain would end Node with exit 1, the policy-failure code.
  const crash = (error: unknown) => process.exit(failStep(error));
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  try {
    process.exitCode = await runAction();
  } catch (error) {
    process.exitCode = failStep(error);
  }
}

/**
 * The GitHub Action entry (action.yml → dist/index.mjs): inputs checked before anything runs, the same
 * pipeline and defaults as the CLI, then what a reviewer sees. The job summary starts with the verdict;
 * annotations follow the gate (what the change adds first, on the line its author changed, and always room
 * for the verdict); one pull-request comment is kept up to date on request; an upload problem is a warning
 * and never changes the verdict. On `pull_request` events the base is the pull request's base commit.
 */
import { appendFileSync } from 'node:fs';
import { BY_SEVERITY, fails } from './assess/levels.js';
import { emitMarkdown } from './emit/reports/markdown.js';
import { emitSarif } from './emit/reports/sarif.js';
import { terminalSafe } from './emit/text.js';
import { outputBlock, workflowCommand } from './emit/workflow-commands.js';
import { writeOutput } from './emit/write.js';
import { nerfDart } from './enrich/registry-config.js';
import { EXIT, failureReport, isSovscanError } from './errors.js';
import { findingAnnotations } from './github/annotations.js';
import { upsertComment } from './github/comment.js';
import { ensureCommit, pullRequestEvent } from './github/event.js';
import { readInputs, takeInputs, type ActionInputs } from './github/inputs.js';
import type { Scan } from './model.js';
import { DEFAULTS, type ScanOptions } from './options.js';
import { runPipeline } from './pipeline.js';
import { progressBar } from './progress.js';
import { UPLOAD_DEFAULTS, uploadToDependencyTrack } from './upload/dependency-track.js';

const say = (line: string) => process.stdout.write(line);

function setOutput(name: string, value: string): void {
  const file = process.env.GITHUB_OUTPUT;
  if (file) appendFileSync(file, outputBlock(name, value));
}

/** `base` as given, else the pull request's base commit (fetched shallowly when the checkout lacks it). */
function baseFor(inputs: ActionInputs, workspace: string): string | undefined {
  if (inputs.base) return inputs.base;
  const event = pullRequestEvent();
  if (!event) return undefined;
  if (ensureCommit(event.baseSha, workspace)) return event.baseSha;
  say(workflowCommand('warning', `sovscan: the pull request's base commit ${event.baseSha} could not be fetched; every finding is gated as if new. Use actions/checkout with fetch-depth: 0, or set the base input`));
  return undefined;
}

/** Dependency-Track gets the SBOM; a failure is the log's warning, not the step's result. */
async function upload(inputs: ActionInputs, scan: Scan, sbomPath: string): Promise<void> {
  const dt = inputs.dependencyTrack;
  if (!dt) return;
  const project = dt.project ?? scan.graph.root.name;
  if (!dt.apiKey || !project) {
    say(workflowCommand('warning', 'sovscan: not uploaded: dependency-track-url needs dependency-track-api-key (from a secret) and a project (dependency-track-project, or the package name)'));
    return;
  }
  // Each branch is a project version, so that the default branch and pull requests stay apart.
  const version = process.env.GITHUB_HEAD_REF || process.env.GITHUB_REF_NAME || scan.graph.root.version || 'latest';
  try {
    const result = await uploadToDependencyTrack(sbomPath, { ...UPLOAD_DEFAULTS, url: dt.url, apiKey: dt.apiKey, projectName: project, projectVersion: version });
    say(`sovscan: uploaded the SBOM to Dependency-Track project ${terminalSafe(project)} ${terminalSafe(version)}${result.processed ? '' : ' (still processing)'}\n`);
  } catch (error) {
    say(workflowCommand('warning', `sovscan: the SBOM was not uploaded to Dependency-Track: ${failureReport(error).message}`));
  }
}

/** The pull request's comment, when asked for: the summary while the change adds findings, resolved after. */
async function comment(inputs: ActionInputs, scan: Scan, markdown: string): Promise<void> {
  if (!inputs.comment) return;
  const event = pullRequestEvent();
  const repository = process.env.GITHUB_REPOSITORY;
  if (!event || !repository || !inputs.githubToken) {
    say(workflowCommand('warning', 'sovscan: comment is for pull_request events, with the github-token input (the default) and GITHUB_REPOSITORY set'));
    return;
  }
  const adds = scan.drift ? scan.drift.newFindings.length > 0 : [...(scan.assessment?.findings.values() ?? [])].some((f) => fails(f.level, 'low'));
  try {
    const result = await upsertComment({ api: process.env.GITHUB_API_URL ?? 'https://api.github.com', repository, number: event.number, token: inputs.githubToken }, adds ? markdown : undefined);
    if (result.action !== 'none') say(`sovscan: pull-request comment ${result.action}\n`);
  } catch (error) {
    say(workflowCommand('warning', `sovscan: the pull-request comment was not written: ${failureReport(error).message}`));
  }
}

export async function runAction(): Promise<number> {
  const taken = takeInputs();
  const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
  const inputs = readInputs(workspace, { ...process.env, ...taken });
  // Mask first, so that no later line of the log can show them.
  for (const secret of [inputs.token, inputs.dependencyTrack?.apiKey, inputs.githubToken]) if (secret) say(workflowCommand('add-mask', secret));
  if (inputs.token && inputs.registry) process.env[`npm_config_${nerfDart(inputs.registry)}:_authToken`] = inputs.token;
  const options: ScanOptions = {
    ...DEFAULTS,
    target: inputs.path,
    output: inputs.sbom,
    specVersion: inputs.specVersion,
    omit: inputs.omit,
    workspace: inputs.workspace,
    cacheDir: inputs.cacheDir,
    registry: inputs.registry,
    allowEnv: inputs.allowEnv,
    allowedRegistries: inputs.allowedRegistries,
    policy: inputs.policy,
    failOn: inputs.failOn,
    reports: [],
    base: baseFor(inputs, workspace),
  };
  // A CI log gets a progress line every few seconds while the registry answers.
  const progress = progressBar(process.stderr);
  const { scan, sbom } = await runPipeline(options, { onProgress: progress }).finally(() => progress.finish());
  // The workspace is the pull request's: no output is written through a symlink it commits.
  const write = (file: string, text: string) => writeOutput(file, text, { root: workspace });
  await write(inputs.sbom, sbom);
  setOutput('sbom-path', inputs.sbom);
  if (inputs.sarif) {
    await write(inputs.sarif, emitSarif(scan, { cwd: workspace }));
    setOutput('sarif-path', inputs.sarif);
  }
  const markdown = emitMarkdown(scan, { failOn: inputs.failOn });
  if (inputs.markdown) await write(inputs.markdown, markdown);
  if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, markdown);
  const totals = scan.assessment!.totals;
  setOutput('risk', BY_SEVERITY.find((l) => totals[l] > 0) ?? 'none');
  setOutput('counts', JSON.stringify(totals));
  if (scan.drift) setOutput('new-findings', JSON.stringify(scan.drift.newFindings.map((f) => ({ package: f.package, level: f.level, reasons: f.reasons, path: f.path }))));
  for (const a of await findingAnnotations(scan, workspace)) say(workflowCommand(a.level, a.message, { file: a.file, line: a.line, col: a.column, title: a.title }));
  await upload(inputs, scan, inputs.sbom);
  await comment(inputs, scan, markdown);
  for (const issue of scan.issues.filter((i) => i.package === undefined)) say(workflowCommand('warning', issue.message));
  const gated = scan.drift ? scan.drift.newFindings : [...scan.assessment!.findings.values()];
  const failing = gated.filter((f) => fails(f.level, inputs.failOn));
  // The verdict is the tenth annotation at most: findingAnnotations leaves it room.
  if (failing.length > 0) {
    const names = failing.slice(0, 5).map((f) => scan.graph.nodes.get(f.package)).map((n) => (n ? `${n.name}@${n.version}` : '?'));
    say(workflowCommand('error', `sovscan: ${failing.length} package(s) at ${inputs.failOn} or above${scan.drift ? ' added or raised by this change' : ''} under policy ${scan.assessment!.policy.id}: ${names.join(', ')}${failing.length > 5 ? ', …' : ''}; see the job summary`));
  }
  return failing.length > 0 ? EXIT.policy : EXIT.ok;
}

/** Exit 2 for an input error, 4 for a bug (never 1, which fails the step as a policy violation would). */
export function failStep(error: unknown): number {
  const { exitCode, message } = failureReport(error);
  say(workflowCommand('error', isSovscanError(error) ? message : `sovscan failed: ${message}`));
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

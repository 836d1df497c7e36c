/**
 * The command line: options in, pipeline, outputs, exit code. Errors become exit codes here and only here.
 */
import { basename, resolve } from 'node:path';
import yargs, { type Argv } from 'yargs';
import { SPEC_VERSIONS, type CycloneDxFormat, type SpecVersion } from './emit/cyclonedx/index.js';
import { formatIssues } from './emit/issues.js';
import { renderSummary } from './emit/summary.js';
import { noWorkflowCommands, quoted, safeLines, terminalSafe } from './emit/text.js';
import { writeOutput } from './emit/write.js';
import { clause, EXIT, SovscanError, failureReport, isSovscanError } from './errors.js';
import { DEFAULTS, FORMATS, OMIT_KINDS, type ScanOptions } from './options.js';
import { analyse, runPipeline, type PipelineHooks } from './pipeline.js';
import type { Scan } from './model.js';
import { bySeverity, fails, RISK_LEVELS, type RiskLevel } from './assess/levels.js';
import { loadPolicy, presetIds } from './assess/policy.js';
import { renderExplanation } from './emit/explain.js';
import { REPORTS } from './emit/reports/index.js';
import { UPLOAD_DEFAULTS, uploadToDependencyTrack } from './upload/dependency-track.js';
import { progressBar } from './progress.js';
import type { OmitKind } from './resolve/lockgraph.js';
import { TOOL_VERSION } from './version.js';

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/**
 * yargs renders a command's whole help text and caches it before running the command, whether or not it
 * will be shown (~25 ms of measuring and wrapping text on every run). sovscan shows help only when it is
 * asked for, and yargs renders it then; the cache is not needed.
 */
function withoutHelpCache<T>(y: Argv<T>): Argv<T> {
  const internal = (y as unknown as { getInternalMethods?: () => { getUsageInstance(): { cacheHelpMessage(): void } } }).getInternalMethods;
  if (typeof internal === 'function') internal.call(y).getUsageInstance().cacheHelpMessage = () => {};
  return y;
}

/** What the scanned project's own .npmrc / .yarnrc(.yml) may use (src/enrich/config-trust.ts). */
function trustOptions<T>(y: Argv<T>) {
  return y
    .option('allow-env', { type: 'string', array: true, default: [], describe: "An environment variable the scanned project's .npmrc / .yarnrc(.yml) may read, besides NODE_AUTH_TOKEN (repeatable)" })
    .option('allowed-registries', { type: 'string', array: true, default: [], describe: "Registry or proxy URLs (comma separated) that the scanned project's configuration may send its credentials to or go through" });
}

/** `--allowed-registries a,b --allowed-registries c` → `[a, b, c]` */
const listArg = (value: unknown) => ((value ?? []) as string[]).flatMap((v) => String(v).split(',')).map((v) => v.trim()).filter(Boolean);

/** Where packages are read from, the policy they are judged under, and how the run ends. */
function sourceOptions<T>(y: Argv<T>) {
  return trustOptions(withoutHelpCache(y))
    .option('offline', { type: 'boolean', default: DEFAULTS.offline, describe: "Use only sovscan's cache; packages not in it are reported as unknown" })
    .option('cache-dir', { type: 'string', describe: 'Cache directory (default: $SOVSCAN_CACHE_DIR, else the user cache directory)' })
    .option('concurrency', { type: 'number', default: DEFAULTS.concurrency, describe: 'Registry requests in flight (and sockets per host)' })
    .option('registry', { type: 'string', describe: "Registry URL (default: npm's configuration)" })
    .option('history', { type: 'boolean', default: DEFAULTS.history, describe: 'Also read each package\'s history: publish times, maintainer and publisher changes' })
    .option('strict', { type: 'boolean', default: DEFAULTS.strict, describe: 'Exit 3 when any result is incomplete (a package left unknown)' })
    .option('policy', { type: 'string', default: DEFAULTS.policy, describe: `Policy preset (${presetIds().join(', ')}) or a YAML/JSON policy file` })
    .option('fail-on', { type: 'string', choices: RISK_LEVELS, default: DEFAULTS.failOn, describe: "Exit 1 when a finding is at this level or above ('none': never; 'unknown': when anything is unknown)" })
    .option('quiet', { alias: 'q', type: 'boolean', default: DEFAULTS.quiet, describe: 'Print nothing but fatal errors' })
    .check((a) => {
      if (!Number.isInteger(a.concurrency) || a.concurrency < 1 || a.concurrency > 64) throw new SovscanError('E_USAGE', `--concurrency must be a whole number from 1 to 64, not ${a.concurrency}`);
      return true;
    });
}

/** The runs that write an SBOM: its reproducibility, redaction and the reports beside it. */
function documentOptions<T>(y: Argv<T>) {
  return sourceOptions(y)
    .option('reproducible', { type: 'boolean', default: DEFAULTS.reproducible, describe: 'Omit serial number and timestamp: byte-identical output for the same input' })
    .option('redact', { type: 'boolean', default: DEFAULTS.redact, describe: 'Leave personal names and e-mail addresses out of every output' })
    .option('report', { type: 'string', array: true, default: [], describe: `Also write a report: KIND=FILE, KIND one of ${REPORTS.map((r) => r.id).join(', ')} (repeatable)` });
}

// (yargs also sets each dashed option under its camel-case name)
const REPEATABLE = new Set(['_', 'report', 'omit', 'sboms', 'allow-env', 'allowEnv', 'allowed-registries', 'allowedRegistries']);
const COMMANDS = ['scan', 'enrich', 'diff', 'explain', 'policy', 'upload', 'portfolio'];

/** What each command needs, for a run that gives too little. */
const COMMAND_USAGE: Record<string, string> = {
  enrich: "enrich needs a vendor's SBOM: sovscan enrich SBOM",
  diff: 'diff needs two SBOMs: sovscan diff OLD NEW',
  explain: 'explain needs a package: sovscan explain PACKAGE[@VERSION]',
  policy: 'policy needs an action: sovscan policy list | show ID|FILE | check FILE',
  portfolio: 'portfolio needs the SBOMs of the projects: sovscan portfolio SBOM [SBOM …]',
  upload: 'upload needs an SBOM: sovscan upload SBOM --url URL --project NAME --project-version VERSION',
};

export async function main(argv: readonly string[], given: Io = processIo): Promise<number> {
  // Every fragment of untrusted text is made safe where it is printed; this last guard keeps two safe
  // fragments from meeting as a workflow command at a line start in a CI log.
  const io: Io = { stdout: (text) => given.stdout(noWorkflowCommands(text)), stderr: (text) => given.stderr(noWorkflowCommands(text)) };
  const parser = yargs([...argv])
    .scriptName('sovscan')
    // An option given twice takes its last value, as in most command lines (an array crashed later on);
    // the repeatable ones (--report, --omit) keep every value.
    .middleware((args) => {
      for (const [key, value] of Object.entries(args)) if (Array.isArray(value) && !REPEATABLE.has(key)) args[key] = value.at(-1);
    }, true)
    .usage('$0 <command> [options]\n\nWhose law reaches your JavaScript supply chain: a CycloneDX SBOM of your dependency tree.')
    .command(
      'scan [target]',
      'Scan a project directory (default .), a lockfile or a package spec (name@range) and write a CycloneDX SBOM',
      (y) =>
        documentOptions(y)
          .positional('target', { type: 'string', default: DEFAULTS.target, describe: 'Project directory, lockfile, or a package spec to vet before adoption (express@4, @scope/name@latest)' })
          .option('output', { alias: 'o', type: 'string', default: DEFAULTS.output, describe: "SBOM file ('-' for stdout)" })
          .option('format', { type: 'string', choices: FORMATS, default: DEFAULTS.format, describe: 'SBOM format' })
          .option('spec-version', { type: 'string', choices: SPEC_VERSIONS, default: DEFAULTS.specVersion, describe: 'CycloneDX specification version' })
          .option('omit', { type: 'string', array: true, choices: OMIT_KINDS, default: [], describe: 'Leave out dev, optional or peer dependencies (repeatable)' })
          .option('workspace', { alias: 'w', type: 'string', describe: 'Scan only this workspace package (name or directory)' })
          .option('base', { type: 'string', describe: 'Compare with a base lockfile or git ref (e.g. origin/main): gate only on what the change adds or raises' })
          .example('$0 scan', 'Scan the project in the current directory into sbom.cdx.json')
          .example('$0 scan ./app/pnpm-lock.yaml -o app.cdx.json', 'Scan one lockfile')
          .example('$0 scan express@4 --report markdown=express.md', 'Vet a package before adopting it: its tree as npm would install it today')
          .example('$0 scan --omit dev --spec-version 1.5', 'Production dependencies only, CycloneDX 1.5')
          .example('$0 scan --format cyclonedx-xml -o bom.xml', 'Write XML')
          .example('$0 scan -w @acme/api -o - | jq .components', 'One workspace of a monorepo, to stdout')
          .example('$0 scan --offline --strict', 'Only what is cached; exit 3 if anything is missing')
          .example('$0 scan --policy us-ictsc --fail-on high', 'Fail when a package is controlled from a US foreign adversary')
          .example('$0 scan --policy ./policy.yaml', 'A custom policy (it can extend a preset)')
    )
    .command('enrich <sbom>', "Annotate a vendor's SBOM (CycloneDX 1.2–1.7 JSON or XML, SPDX 2.3 JSON) with jurisdictions and risk, keeping everything in it", (y) =>
      documentOptions(y)
        .positional('sbom', { type: 'string', demandOption: true, describe: "The vendor's SBOM file" })
        .option('output', { alias: 'o', type: 'string', describe: "Annotated SBOM, in the input's format (default: NAME.sovscan.EXT in the current directory; '-' for stdout)" })
        .example('$0 enrich vendor.cdx.json --report markdown=vendor.md', 'Vet a delivery: every schema problem, then jurisdictions and risk per component')
        .example('$0 enrich product.spdx.json --redact -o share.spdx.json', 'Annotate an SPDX document to share outside the organisation'),
    )
    .command('diff <old> <new>', "What changed between two deliveries of a vendor's SBOM: components, vendors, countries per dimension, risk", (y) =>
      sourceOptions(y)
        .positional('old', { type: 'string', demandOption: true, describe: 'The earlier SBOM' })
        .positional('new', { type: 'string', demandOption: true, describe: 'The later SBOM' })
        .option('json', { type: 'boolean', default: false, describe: 'Print the difference as JSON' })
        .option('policy', { type: 'string', default: undefined, describe: `Policy preset (${presetIds().join(', ')}) or a YAML/JSON policy file (default: the preset the new SBOM was assessed under, else neutral)` })
        .example('$0 diff vendor-2026-06.cdx.json vendor-2026-11.cdx.json', 'What the new delivery brings')
        .example('$0 diff old.spdx.json new.cdx.json --policy us-ictsc --fail-on high', 'Exit 1 when the new delivery raises a package to high'),
    )
    .command('explain <package>', 'Show the evidence chain behind the jurisdictions of one package', (y) =>
      trustOptions(y)
        .positional('package', { type: 'string', demandOption: true, describe: 'Package name, optionally with @version' })
        .option('in', { type: 'string', default: DEFAULTS.target, describe: 'Project directory or lockfile the package is in' })
        .option('offline', { type: 'boolean', default: DEFAULTS.offline, describe: "Use only sovscan's cache" })
        .option('cache-dir', { type: 'string', describe: 'Cache directory (default: $SOVSCAN_CACHE_DIR, else the user cache directory)' })
        .option('registry', { type: 'string', describe: "Registry URL (default: npm's configuration)" })
        .example('$0 explain react', 'Why sovscan says what it says about react in the current project')
        .example('$0 explain @alicloud/pop-core@1.8.0 --in ./service', 'One version, in another project'),
    )
    .command('policy <action> [policy]', 'List the policy presets, show one, or check a policy file', (y) =>
      y
        .positional('action', { choices: ['list', 'show', 'check'] as const, describe: 'list | show ID|FILE | check FILE' })
        .positional('policy', { type: 'string', describe: 'Preset id or policy file' })
        .example('$0 policy list', 'The presets and the instruments they implement')
        .example('$0 policy show eu-sovereignty', 'A preset, with its rules expanded')
        .example('$0 policy check ./policy.yaml', 'Validate a policy file: every error, with its key'),
    )
    .command('portfolio <sboms..>', "An organisation's exposure across many projects, from the SBOMs sovscan wrote for them: vendors and countries per project, findings, recurring packages", (y) =>
      withoutHelpCache(y)
        .positional('sboms', { type: 'string', array: true, demandOption: true, describe: 'sovscan SBOMs (CycloneDX JSON), one per project' })
        .option('report', { type: 'string', array: true, default: [], describe: 'Also write a report: KIND=FILE, KIND one of json, csv, markdown, html (repeatable)' })
        .option('quiet', { alias: 'q', type: 'boolean', default: DEFAULTS.quiet, describe: 'Print nothing but fatal errors' })
        .example('$0 portfolio sboms/*.cdx.json --report html=org.html', 'One page for the whole organisation')
        .example('$0 portfolio a.cdx.json b.cdx.json --report json=org.json --report csv=org.csv', 'For other tools and spreadsheets'),
    )
    .command('upload <sbom>', 'Upload an SBOM to OWASP Dependency-Track (API key from DEPENDENCY_TRACK_API_KEY)', (y) =>
      y
        .positional('sbom', { type: 'string', demandOption: true, describe: 'The SBOM file (CycloneDX; send 1.6 to Dependency-Track 4.x and 5.0)' })
        .option('url', { type: 'string', demandOption: true, describe: 'Dependency-Track API server base URL' })
        .option('project', { type: 'string', demandOption: true, describe: 'Project name' })
        .option('project-version', { type: 'string', demandOption: true, describe: 'Project version' })
        .option('parent', { type: 'string', describe: 'Parent project name' })
        .option('auto-create', { type: 'boolean', default: UPLOAD_DEFAULTS.autoCreate, describe: 'Create the project when it does not exist (--no-auto-create to refuse)' })
        .option('wait', { type: 'boolean', default: UPLOAD_DEFAULTS.wait, describe: 'Wait until the server has processed the SBOM (--no-wait to return at once)' })
        .example('DEPENDENCY_TRACK_API_KEY=… $0 upload sbom.cdx.json --url https://dtrack.example --project shop --project-version main', 'One repository of many, aggregated in Dependency-Track'),
    )
    .demandCommand(1, "Give a command, for example 'sovscan scan .'")
    .epilogue('Exit codes: 0 done and within policy; 1 a finding at --fail-on or above (and nothing else); 2 a usage or input error; 3 incomplete under --strict; 4 a bug in sovscan (please report it)')
    .strict()
    .version(TOOL_VERSION)
    .help()
    .alias('h', 'help')
    .exitProcess(false)
    .fail((message, error) => {
      if (error) throw error;
      // A command given without what it needs is told its own usage and pointed at its own help.
      const command = argv.find((a) => !a.startsWith('-'));
      const usage = command !== undefined && /^Not enough non-option arguments/.test(message) ? COMMAND_USAGE[command] : undefined;
      if (usage) throw new SovscanError('E_USAGE', `${usage}. Run 'sovscan ${command} --help' for its options`);
      throw new SovscanError('E_USAGE', `${clause(message)}. Run '${command && COMMANDS.includes(command) ? `sovscan ${command} --help` : 'sovscan --help'}' for usage`);
    });

  try {
    // The parsed arguments are dispatched here rather than through yargs handlers.
    const args = await parser.parseAsync([...argv]);
    if (args.help || args.version) return EXIT.ok;
    if (args._[0] === 'scan') return await scanCommand(scanOptions(args), io);
    if (args._[0] === 'enrich') return await enrichCommand(args, io);
    if (args._[0] === 'diff') return await diffCommand(args, io);
    if (args._[0] === 'explain') return await explainCommand(args, io);
    if (args._[0] === 'policy') return await policyCommand(args, io);
    if (args._[0] === 'upload') return await uploadCommand(args, io);
    if (args._[0] === 'portfolio') return await portfolioCommand(args, io);
    return EXIT.ok;
  } catch (error) {
    return reportError(error, io);
  }
}

type ScanArgs = Record<string, unknown> & { _: (string | number)[] };

/** `sovscan portfolio SBOM…`: many projects' SBOMs folded into one view, then its reports. */
async function portfolioCommand(args: ScanArgs, io: Io): Promise<number> {
  const [{ buildPortfolio }, { PORTFOLIO_REPORTS, renderPortfolioSummary }] = await Promise.all([import('./portfolio/index.js'), import('./emit/portfolio/index.js')]);
  const reports = ((args.report ?? []) as string[]).map(parseReport);
  for (const { kind } of reports) if (!PORTFOLIO_REPORTS.some((r) => r.id === kind)) throw new SovscanError('E_USAGE', `Unknown portfolio report ${JSON.stringify(kind)}: give json, csv, markdown or html`);
  const progress = progressBar(process.stderr, 'Reading SBOMs');
  const portfolio = await buildPortfolio((args.sboms as string[]).map(String), args.quiet ? undefined : progress).finally(() => progress.finish());
  for (const { kind, file } of reports) await writeOutput(file, PORTFOLIO_REPORTS.find((r) => r.id === kind)!.emit(portfolio));
  if (!args.quiet) {
    io.stdout(renderPortfolioSummary(portfolio));
    for (const { kind, file } of reports) io.stdout(`  report:   ${kind} ${terminalSafe(resolve(file))}\n`);
  }
  return EXIT.ok;
}

async function uploadCommand(args: ScanArgs, io: Io): Promise<number> {
  const apiKey = process.env.DEPENDENCY_TRACK_API_KEY;
  if (!apiKey) throw new SovscanError('E_USAGE', 'Set DEPENDENCY_TRACK_API_KEY to a Dependency-Track API key with the BOM_UPLOAD permission');
  const result = await uploadToDependencyTrack(String(args.sbom), {
    ...UPLOAD_DEFAULTS,
    url: String(args.url),
    apiKey,
    projectName: String(args.project),
    projectVersion: String(args['project-version']),
    parentName: args.parent as string | undefined,
    autoCreate: args['auto-create'] as boolean,
    wait: args.wait as boolean,
  });
  io.stdout(`sovscan: uploaded ${terminalSafe(String(args.sbom))} to ${terminalSafe(String(args.project))} ${terminalSafe(String(args['project-version']))}${result.processed ? ', processed' : `, processing (token ${terminalSafe(String(result.token))})`}\n`);
  return EXIT.ok;
}

async function policyCommand(args: ScanArgs, io: Io): Promise<number> {
  const action = args.action as 'list' | 'show' | 'check';
  if (action === 'list') {
    for (const id of presetIds()) {
      const policy = await loadPolicy(id);
      io.stdout(`${id.padEnd(20)} ${terminalSafe(policy.title)}${policy.asOf ? ` (as of ${terminalSafe(policy.asOf)})` : ''}\n${' '.repeat(21)}${terminalSafe(policy.instrument ?? '')}\n`);
    }
    return EXIT.ok;
  }
  const ref = args.policy as string | undefined;
  if (!ref) throw new SovscanError('E_USAGE', `Give a policy: sovscan policy ${action} ${action === 'check' ? 'FILE' : 'ID|FILE'}`);
  const policy = await loadPolicy(ref);
  if (action === 'check') {
    io.stdout(`${terminalSafe(ref)}: valid policy ${terminalSafe(policy.id)}${policy.lineage.length > 1 ? ` (extends ${policy.lineage.slice(1).map(terminalSafe).join(' → ')})` : ''}, ${policy.rules.length} rule(s), ${policy.waivers.length} waiver(s)\n`);
    return EXIT.ok;
  }
  const shown = { ...policy, rules: policy.rules.map(({ members, ...rule }) => ({ ...rule, expands: members ? [...members].sort() : ['*'] })) };
  io.stdout(`${safeLines(JSON.stringify(shown, null, 2))}\n`);
  return EXIT.ok;
}

async function explainCommand(args: ScanArgs, io: Io): Promise<number> {
  const spec = String(args.package);
  const at = spec.lastIndexOf('@');
  const [name, version] = at > 0 ? [spec.slice(0, at), spec.slice(at + 1)] : [spec, undefined];
  const scan = await analyse({
    ...DEFAULTS,
    target: (args.in as string | undefined) ?? DEFAULTS.target,
    offline: args.offline as boolean,
    cacheDir: args['cache-dir'] as string | undefined,
    registry: args.registry as string | undefined,
    allowEnv: listArg(args['allow-env']),
    allowedRegistries: listArg(args['allowed-registries']),
  });
  const matches = [...scan.graph.nodes.values()].filter((n) => (n.name === name || n.aliases.includes(name)) && (version === undefined || n.version === version));
  if (matches.length === 0) {
    const near = [...new Set([...scan.graph.nodes.values()].map((n) => n.name).filter((n) => n.includes(name) || name.includes(n)))].slice(0, 5);
    throw new SovscanError('E_NOT_FOUND', `No package ${quoted(spec)} in ${quoted((args.in as string | undefined) ?? '.')}${near.length > 0 ? `: did you mean ${near.map(quoted).join(', ')}?` : ': check the name, or give the project with --in'}`);
  }
  for (const line of formatIssues(scan.issues.filter((i) => matches.some((m) => m.id === i.package)))) io.stderr(`sovscan: ${line}\n`);
  io.stdout(matches.map((node) => renderExplanation(scan, node)).join('\n'));
  return EXIT.ok;
}

function scanOptions(args: ScanArgs): ScanOptions {
  return {
    target: (args.target as string | undefined) ?? DEFAULTS.target,
    output: args.output as string,
    format: args.format as CycloneDxFormat,
    specVersion: args['spec-version'] as SpecVersion,
    omit: (args.omit ?? []) as OmitKind[],
    workspace: args.workspace as string | undefined,
    reproducible: args.reproducible as boolean,
    quiet: args.quiet as boolean,
    offline: args.offline as boolean,
    cacheDir: args['cache-dir'] as string | undefined,
    concurrency: args.concurrency as number,
    registry: args.registry as string | undefined,
    allowEnv: listArg(args['allow-env']),
    allowedRegistries: listArg(args['allowed-registries']),
    history: args.history as boolean,
    strict: args.strict as boolean,
    redact: args.redact as boolean,
    policy: args.policy as string,
    failOn: args['fail-on'] as RiskLevel,
    reports: ((args.report ?? []) as string[]).map(parseReport),
    base: args.base as string | undefined,
  };
}

function parseReport(spec: string): { kind: string; file: string } {
  const eq = spec.indexOf('=');
  const kind = eq > 0 ? spec.slice(0, eq) : '';
  const file = eq > 0 ? spec.slice(eq + 1) : '';
  if (!REPORTS.some((r) => r.id === kind) || !file) {
    throw new SovscanError('E_USAGE', `Cannot read --report ${spec}: expected KIND=FILE with KIND one of ${REPORTS.map((r) => r.id).join(', ')}`);
  }
  return { kind, file };
}

function reportError(error: unknown, io: Io): number {
  if (isSovscanError(error)) {
    // Messages embed untrusted names and text: one line, unless sovscan laid it out (and escaped each line).
    io.stderr(`sovscan: ${error.lines ? safeLines(error.message) : terminalSafe(error.message)}\n`);
    return EXIT.input;
  }
  const { exitCode, message } = failureReport(error);
  io.stderr(`sovscan: ${safeLines(message)}\n`);
  return exitCode;
}

/**
 * For the executable: an error thrown outside the run's promise chain (an event handler, a promise nobody
 * awaited) would end Node with exit 1, the policy-failure code; it ends the process with exit 4 instead.
 */
export function exitOnCrash(error: unknown): never {
  process.stderr.write(`sovscan: ${safeLines(failureReport(error).message)}\n`);
  process.exit(EXIT.internal);
}

async function scanCommand(options: ScanOptions, io: Io): Promise<number> {
  const progress = progressBar();
  const { scan, sbom } = await runPipeline(options, { onProgress: options.quiet ? undefined : progress, onStage: stageTimer(io) }).finally(() => progress.finish());
  return deliver(scan, sbom, options, io);
}

/** `sovscan enrich SBOM`: the vendor's document, annotated, in its own format. */
async function enrichCommand(args: ScanArgs, io: Io): Promise<number> {
  const input = String(args.sbom);
  const options: ScanOptions = { ...scanOptions({ ...args, target: input }), output: (args.output as string | undefined) ?? annotatedName(input) };
  const progress = progressBar();
  const { runSbomPipeline } = await import('./sbom-pipeline.js');
  const { scan, document } = await runSbomPipeline(options, { onProgress: options.quiet ? undefined : progress, onStage: stageTimer(io) }).finally(() => progress.finish());
  return deliver(scan, document, options, io);
}

/** `sovscan diff OLD NEW`: both deliveries through the enrich pipeline, then compared. */
async function diffCommand(args: ScanArgs, io: Io): Promise<number> {
  const [{ runSbomPipeline }, { compareDeliveries }, { renderDiff }] = await Promise.all([import('./sbom-pipeline.js'), import('./drift/deliveries.js'), import('./emit/diff.js')]);
  const named = args.policy !== undefined;
  const options = { ...scanOptions(args), policy: (args.policy as string | undefined) ?? DEFAULTS.policy };
  const files = { old: String(args.old), new: String(args.new) };
  // Without --policy the risk is judged as the new delivery records it, and the old one under the same policy.
  const next = await runSbomPipeline({ ...options, target: files.new, recordedPolicy: !named });
  const policy = next.scan.assessment!.policy.id;
  const previous = await runSbomPipeline({ ...options, target: files.old, policy: named ? options.policy : policy });
  const [before, after] = [previous.scan, next.scan];
  const diff = compareDeliveries(before, after, files);
  const used = named ? 'named with --policy' : next.recorded?.id === policy ? `recorded in ${files.new}` : next.recorded ? `the default: ${files.new} records ${next.recorded.id}, which is not a preset; name it with --policy FILE` : `the default: ${files.new} records no policy`;
  const mixed = !named && previous.recorded && previous.recorded.id !== policy ? `; ${files.old} was assessed under ${previous.recorded.id}` : '';
  if (args.json) io.stdout(`${safeLines(JSON.stringify({ ...diff, policy: { id: policy, why: `${used}${mixed}` } }, null, 2))}\n`);
  else if (!options.quiet) io.stdout(renderDiff(diff, `${policy} (${used}${mixed})`));
  if (!options.quiet) for (const line of formatIssues([...before.issues, ...after.issues])) io.stderr(`sovscan: ${line}\n`);
  // Only what the new delivery adds or raises fails the run, as with --base.
  const failing = diff.newFindings.filter((f) => fails(f.level, options.failOn));
  if (failing.length > 0) {
    const named = failing.slice(0, 10).map((f) => `${terminalSafe(f.name)} (${f.level})`).join(', ');
    if (!options.quiet) io.stderr(`sovscan: exit 1: ${failing.length} package${failing.length === 1 ? '' : 's'}: ${named}${failing.length > 10 ? `, and ${failing.length - 10} more` : ''} at ${options.failOn} or above added or raised by ${terminalSafe(files.new)} under policy ${policy}\n`);
    return EXIT.policy;
  }
  if (options.strict && !(before.complete && after.complete)) return EXIT.incomplete;
  return EXIT.ok;
}

/** `vendor.cdx.json` → `vendor.sovscan.cdx.json`, in the current directory. */
function annotatedName(input: string): string {
  const name = basename(input);
  const extension = /(\.(cdx|spdx|bom))?\.(json|xml)$/i.exec(name)?.[0] ?? '';
  return `${name.slice(0, name.length - extension.length)}.sovscan${extension || '.json'}`;
}

function stageTimer(io: Io): PipelineHooks['onStage'] {
  return process.env.SOVSCAN_TIMINGS ? (stage, ms) => io.stderr(`sovscan: timing ${stage} ${ms.toFixed(1)} ms\n`) : undefined;
}

/** Write the document and the reports, print the issues and the summary, and choose the exit code. */
async function deliver(scan: Scan, document: string, options: ScanOptions, io: Io): Promise<number> {
  if (options.output === '-') {
    io.stdout(document);
  } else {
    await writeOutput(options.output, document);
  }
  for (const { kind, file } of options.reports) {
    const report = REPORTS.find((r) => r.id === kind)!;
    await writeOutput(file, await report.emit(scan, { failOn: options.failOn, redact: options.redact, cwd: process.cwd() }));
  }
  const log = options.output === '-' ? io.stderr : io.stdout;
  if (!options.quiet) {
    for (const line of formatIssues(scan.issues)) io.stderr(`sovscan: ${line}\n`);
    const stream = options.output === '-' ? process.stderr : process.stdout;
    log(renderSummary(scan, { output: options.output, color: stream.isTTY === true && !process.env.NO_COLOR }));
    for (const { kind, file } of options.reports) log(`  report:   ${kind} ${terminalSafe(resolve(file))}\n`);
  }
  // With --base, only what the change adds or raises fails the run.
  const gated = scan.drift ? scan.drift.newFindings : [...(scan.assessment?.findings.values() ?? [])];
  const failing = gated.filter((f) => fails(f.level, options.failOn)).sort((a, b) => bySeverity(a.level, b.level) || a.package.localeCompare(b.package));
  if (failing.length > 0) {
    if (!options.quiet) io.stderr(`sovscan: exit 1: ${failingList(scan, failing)} at ${options.failOn} or above${scan.drift ? ' added or raised against the base' : ''} under policy ${scan.assessment?.policy.id ?? 'none'}\n`);
    return EXIT.policy;
  }
  if (options.strict && !scan.complete) return EXIT.incomplete;
  return EXIT.ok;
}

/** `2 packages: a@1.0.0 (high), b@2.0.0 (critical)`, the first ten named. */
function failingList(scan: Scan, failing: { package: string; level: RiskLevel }[]): string {
  const named = failing.slice(0, 10).map((f) => {
    const node = scan.graph.nodes.get(f.package);
    return `${terminalSafe(node ? `${node.name}@${node.version}` : f.package)} (${f.level})`;
  });
  const more = failing.length > named.length ? `, and ${failing.length - named.length} more` : '';
  return `${failing.length} package${failing.length === 1 ? '' : 's'}: ${named.join(', ')}${more}`;
}

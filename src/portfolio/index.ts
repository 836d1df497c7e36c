/**
 * `sovscan portfolio SBOM…`: an organisation's exposure across many projects, from the SBOMs sovscan
 * already wrote (one per repository, as the Action uploads them). Which projects depend on which vendors
 * and on which countries per dimension, the findings of each project, and the packages that recur across
 * projects. SBOMs assessed under different policies or data dates are flagged, since their risk levels
 * do not compare. The SBOMs are read one at a time and folded into counts, so memory grows with the
 * number of distinct vendors and packages, not with the number of SBOMs.
 */
import { DIMENSIONS, type Dimension } from '../attribute/claim.js';
import { bySeverity, fails, RISK_LEVELS, type RiskLevel } from '../assess/levels.js';
import { readProject } from './read.js';

export interface ProjectRow {
  file: string;
  name: string;
  version: string;
  policy?: string;
  data?: string;
  components: number;
  counts: Record<RiskLevel, number>;
  worst: RiskLevel;
  /** Findings at low or above, highest first: the first `LISTED` of them. */
  findings: { label: string; level: RiskLevel; reason?: string }[];
  vendors: string[];
  /** Countries per dimension that any of its components reach. */
  countries: Record<Dimension, string[]>;
}

export interface Exposure {
  key: string;
  /** Indices into `projects`. */
  projects: number[];
  /** Components (across all projects) that carry it. */
  packages: number;
  worst: RiskLevel;
}

export interface Portfolio {
  projects: ProjectRow[];
  vendors: (Exposure & { controller?: string })[];
  countries: Record<Dimension, Exposure[]>;
  /** Packages found in more than one project, most widespread first. */
  recurring: (Exposure & { label: string })[];
  policies: Record<string, number[]>;
  dataDates: Record<string, number[]>;
  /** The projects' risk was judged under more than one policy, or with data of more than one date. */
  mixed: { policies: boolean; data: boolean };
}

export const LISTED = 20;
const RECURRING_LISTED = 100;

class Tally {
  readonly entries = new Map<string, { projects: Set<number>; packages: number; worst: RiskLevel; extra?: string }>();
  add(key: string, project: number, risk: RiskLevel | undefined, extra?: string): void {
    const entry = this.entries.get(key) ?? { projects: new Set<number>(), packages: 0, worst: 'none' as RiskLevel, extra };
    entry.projects.add(project);
    entry.packages += 1;
    if (risk && bySeverity(risk, entry.worst) < 0) entry.worst = risk;
    this.entries.set(key, entry);
  }
  list(): (Exposure & { extra?: string })[] {
    return [...this.entries]
      .map(([key, e]) => ({ key, projects: [...e.projects].sort((a, b) => a - b), packages: e.packages, worst: e.worst, ...(e.extra ? { extra: e.extra } : {}) }))
      .sort((a, b) => b.projects.length - a.projects.length || bySeverity(a.worst, b.worst) || a.key.localeCompare(b.key));
  }
}

export async function buildPortfolio(files: readonly string[], onProject?: (done: number, total: number) => void): Promise<Portfolio> {
  const projects: ProjectRow[] = [];
  const vendors = new Tally();
  const countries = Object.fromEntries(DIMENSIONS.map((d) => [d, new Tally()])) as Record<Dimension, Tally>;
  const packages = new Tally();
  const labels = new Map<string, string>();
  const policies: Record<string, number[]> = {};
  const dataDates: Record<string, number[]> = {};
  for (const file of files) {
    const project = await readProject(file);
    const index = projects.length;
    const counts = Object.fromEntries(RISK_LEVELS.map((l) => [l, 0])) as Record<RiskLevel, number>;
    const findings: ProjectRow['findings'] = [];
    const projectVendors = new Set<string>();
    const projectCountries = Object.fromEntries(DIMENSIONS.map((d) => [d, new Set<string>()])) as Record<Dimension, Set<string>>;
    for (const c of project.components) {
      if (c.risk) counts[c.risk] += 1;
      if (c.risk && fails(c.risk, 'low')) findings.push({ label: c.label, level: c.risk, ...(c.reason ? { reason: c.reason } : {}) });
      if (c.vendor) {
        vendors.add(c.vendor, index, c.risk, c.controller);
        projectVendors.add(c.vendor);
      }
      for (const d of DIMENSIONS) {
        for (const country of new Set(c.countries[d])) {
          countries[d].add(country, index, c.risk);
          projectCountries[d].add(country);
        }
      }
      packages.add(c.id, index, c.risk);
      if (!labels.has(c.id)) labels.set(c.id, c.label);
    }
    findings.sort((a, b) => bySeverity(a.level, b.level) || a.label.localeCompare(b.label));
    const worst = RISK_LEVELS.filter((l) => counts[l] > 0).sort(bySeverity)[0] ?? 'none';
    projects.push({
      file,
      name: project.name,
      version: project.version,
      ...(project.policy ? { policy: project.policy } : {}),
      ...(project.data ? { data: project.data } : {}),
      components: project.components.length,
      counts,
      worst,
      findings: findings.slice(0, LISTED),
      vendors: [...projectVendors].sort(),
      countries: Object.fromEntries(DIMENSIONS.map((d) => [d, [...projectCountries[d]].sort()])) as Record<Dimension, string[]>,
    });
    (policies[project.policy ?? 'none'] ??= []).push(index);
    (dataDates[project.data ?? 'unknown'] ??= []).push(index);
    onProject?.(index + 1, files.length);
  }
  const recurring = packages
    .list()
    .filter((p) => p.projects.length > 1)
    .slice(0, RECURRING_LISTED)
    .map((p) => ({ ...p, label: labels.get(p.key) ?? p.key }));
  return {
    projects,
    vendors: vendors.list().map(({ extra, ...v }) => ({ ...v, ...(extra ? { controller: extra } : {}) })),
    countries: Object.fromEntries(DIMENSIONS.map((d) => [d, countries[d].list()])) as Record<Dimension, Exposure[]>,
    recurring,
    policies,
    dataDates,
    mixed: { policies: Object.keys(policies).length > 1, data: Object.keys(dataDates).length > 1 },
  };
}

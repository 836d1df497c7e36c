/**
 * Issues in a terminal: problems without a package one per line; package problems grouped by kind with
 * the first few packages named, so that 1,000 timeouts read as one line that says what failed. A group of
 * registry failures also quotes the first one whole: its URL and reason are what a user needs to fix
 * the registry, proxy or certificate configuration.
 */
import type { Issue } from '../model.js';
import { terminalSafe } from './text.js';

const KIND: Record<string, string> = {
  E_OFFLINE_MISS: 'not in the cache (--offline)',
  E_REGISTRY_NOT_FOUND: 'not found in the registry (HTTP 404)',
  E_REGISTRY_TIMEOUT: 'registry timeouts',
  E_REGISTRY_NETWORK: 'network errors',
  E_REGISTRY_CERTIFICATE: 'untrusted registry certificates',
  E_REGISTRY_HTTP: 'registry HTTP errors',
  E_REGISTRY_TRUNCATED: 'truncated registry answers',
  E_REGISTRY_INVALID_JSON: 'registry answers that are not JSON',
  E_REGISTRY_DOCUMENT: 'unreadable registry documents',
  E_REGISTRY_TOO_LARGE: 'registry answers past the size cap',
  E_REGISTRY_TOO_DEEP: 'registry documents nested past the depth cap',
  E_REGISTRY_RETRY_BUDGET: 'registry retry waits past the budget',
  E_PACKAGE_NAME: 'names or versions npm would refuse (not looked up)',
  W_HISTORY: 'history unavailable',
  W_OTHER_VERSIONS: 'other versions unavailable',
};

export function formatIssues(issues: readonly Issue[], shown = 5): string[] {
  const lines: string[] = [];
  const groups = new Map<string, Issue[]>();
  for (const issue of issues) {
    if (issue.package === undefined) {
      lines.push(`${issue.severity}: ${terminalSafe(issue.message)}`);
      continue;
    }
    const group = groups.get(issue.code) ?? [];
    group.push(issue);
    groups.set(issue.code, group);
  }
  for (const [code, group] of groups) {
    const first = group[0]!;
    if (group.length === 1) {
      lines.push(`${first.severity}: ${terminalSafe(first.message)}`);
      continue;
    }
    const names = group.slice(0, shown).map((i) => terminalSafe(i.message.split(': ')[0]!));
    const more = group.length > shown ? `, and ${group.length - shown} more` : '';
    const example = code.startsWith('E_REGISTRY_') ? ` (the first: ${terminalSafe(first.message)})` : '';
    lines.push(`${first.severity}: ${group.length} packages: ${KIND[code] ?? code}: ${names.join(', ')}${more}${example}`);
  }
  return lines;
}

/** A vendor-owned npm scope (`@aws-sdk/…`): only the scope's owner can publish under it. Strong. */
import { CONFIDENCE, scopeOf, vendorClaims, type Signal } from './shared.js';

export const npmScope: Signal = ({ node }, data) => {
  const scope = scopeOf(node.name);
  if (!scope) return [];
  const vendor = data.byScope.get(scope);
  return vendor ? vendorClaims(data, vendor, CONFIDENCE.vendorScope, 'npm-scope', scope) : [];
};

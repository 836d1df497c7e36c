/** A vendor-owned npm scope (`@aws-sdk/…`): only the scope's owner can publish under it. Strong. */
import { CONFIDENCE, vendorClaims, type Signal } from './shared.js';

export const npmScope: Signal = ({ node }, data) => {
  if (!node.name.startsWith('@')) return [];
  const scope = node.name.slice(0, node.name.indexOf('/')).toLowerCase();
  const vendor = data.byScope.get(scope);
  return vendor ? vendorClaims(data, vendor, CONFIDENCE.vendorScope, 'npm-scope', scope) : [];
};

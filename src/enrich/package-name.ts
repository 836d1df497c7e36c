/**
 * A lockfile is written by whoever opened the pull request: a name such as `@evil/../../kitx` or `a%2fb`
 * would make a registry URL that points at another package (`/kitx`), and sovscan would describe the
 * package with kitx's document. Names are checked with npm's own rules (npm-package-arg, which applies
 * validate-npm-package-name as npm does for installed packages) and versions must be semver, before any
 * URL is built from them.
 */
import type { PackageNode } from '../model.js';

/** Why `node` cannot be asked for, or undefined when it can. */
export type NameCheck = (node: Pick<PackageNode, 'name' | 'version'>) => string | undefined;

const quoted = (text: string) => JSON.stringify(text.slice(0, 120));

/** Loads the rules (on demand, like the other npm libraries) and returns the check. */
export async function loadNameCheck(): Promise<NameCheck> {
  const [{ default: npa }, { default: valid }] = await Promise.all([import('npm-package-arg'), import('semver/functions/valid.js')]);
  return ({ name, version }) => {
    try {
      npa.resolve(name, '*');
    } catch (error) {
      // npm-package-arg's message ends with the rule after the quoted spec: `… "name@*": name cannot start with a period.`
      const message = (error as Error).message;
      const why = message.slice(message.lastIndexOf('": ') + 3).replace(/\.$/, '');
      return `The package name ${quoted(name)} is not a valid npm name (${why}); it was not looked up`;
    }
    if (valid(version) === null) return `The version ${quoted(version)} of ${quoted(name)} is not a semver version; it was not looked up`;
    return undefined;
  };
}

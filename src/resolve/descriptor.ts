/** `name@range` descriptors as yarn and pnpm write them; the name may be scoped (`@s/n@^1`). */
export function splitDescriptor(descriptor: string): { name: string; range: string } {
  const at = descriptor.indexOf('@', descriptor.startsWith('@') ? 1 : 0);
  if (at < 0) return { name: descriptor, range: '' };
  return { name: descriptor.slice(0, at), range: descriptor.slice(at + 1) };
}

/** An `npm:` alias range names the real package: `npm:string-width@^4` → `string-width`. */
export function aliasTarget(range: string): string | undefined {
  if (!range.startsWith('npm:')) return undefined;
  const spec = range.slice(4);
  const { name, range: rest } = splitDescriptor(spec);
  // `npm:^1.0.0` (berry's default protocol) names no other package.
  return /^[~^<>=*\d]/.test(name) || rest === '' && !spec.includes('@', 1) ? undefined : name;
}

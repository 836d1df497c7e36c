declare module 'npm-registry-fetch/lib/default-opts.js' {
  const defaults: { registry: string; maxSockets: number; timeout: number };
  export default defaults;
}

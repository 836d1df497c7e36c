declare module 'npm-pick-manifest' {
  interface PickOptions {
    defaultTag?: string;
    nodeVersion?: string;
    npmVersion?: string | null;
    before?: string | Date | null;
  }
  /** Throws an error with code ETARGET when no version satisfies `wanted`. */
  function pickManifest<T extends { version: string }>(packument: { name?: string; versions: Record<string, T>; 'dist-tags'?: Record<string, string> }, wanted: string, options?: PickOptions): T;
  export default pickManifest;
}

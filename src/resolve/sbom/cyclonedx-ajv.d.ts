import type { default as Ajv, Options } from 'ajv';

/** The library's schema folder (res/schema). */
export declare const CDX_SCHEMA_DIR: string;

/** One schema file of the library's schema folder, parsed. */
export declare function readCdxSchema(file: string): Record<string, unknown> & { properties: Record<string, Record<string, unknown>> };

/**
 * Ajv as the library's JSON validator has it: its options (`options` adds to them), the SPDX, cryptography
 * and JSF schemas the bom schemas reference, ajv-formats, idn-email from ajv-formats-draft2019, and
 * iri-reference accepted.
 */
export declare function cycloneDxAjv(options?: Options): Promise<Ajv>;

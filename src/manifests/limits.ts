// Bounds that keep hostile or accidental input (generated files, YAML bombs) from
// exhausting memory or time. Real manifests are a few KiB, a few levels deep.

/** Files larger than this are rejected unread. */
export const MAX_FILE_BYTES = 1024 * 1024;
/** Documents per file; a multi-document file rarely holds more than a handful. */
export const MAX_DOCUMENTS = 200;
/** Nesting of YAML collections; manifests need about 8. */
export const MAX_DEPTH = 64;
/** Diagnostics reported per file; the rest are summarised in one line. */
export const MAX_DIAGNOSTICS_PER_FILE = 50;
/** Job files per repository: ten times the largest repository berth is benchmarked at (10,000). */
export const MAX_FILES = 100_000;
/** Directory levels searched below jobsDir. */
export const MAX_DIR_DEPTH = 32;

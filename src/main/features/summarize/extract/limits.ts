/** Larger files are refused before any parsing (decimal megabytes, as sizes are shown). */
export const DEFAULT_MAX_BYTES = 200_000_000

/** Generous for a few hundred megabytes of PDF on a slow machine; it exists so that no file can hang the worker. */
export const DEFAULT_TIMEOUT_MS = 180_000

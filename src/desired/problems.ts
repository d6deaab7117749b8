// Renderer problems before they get a place in a file: each piece reports what it could
// not render, render.ts turns them into positioned Diagnostics for the job or the config.
import type { Severity } from '../model/diagnostics.js';

export interface Problem {
  severity: Severity;
  /** Stable rule id, "render/…". */
  rule: string;
  /** JSON pointer in the job document (or the config document when `inConfig`). */
  pointer: string;
  message: string;
  hint?: string;
  inConfig?: boolean;
}

export type Report = (p: Problem) => void;

export function error(rule: string, pointer: string, message: string, hint?: string): Problem {
  return hint === undefined
    ? { severity: 'error', rule, pointer, message }
    : { severity: 'error', rule, pointer, message, hint };
}

export function warning(rule: string, pointer: string, message: string, hint?: string): Problem {
  return { ...error(rule, pointer, message, hint), severity: 'warning' };
}

/** Copies only defined members, so rendered inputs never carry `key: undefined`. */
export function compact<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}

/** Map with keys in code-point order: output does not depend on the key order in YAML. */
export function sortedRecord<V>(rec: Record<string, V>): Record<string, V> {
  return Object.fromEntries(Object.entries(rec).sort(([a], [b]) => compareStrings(a, b)));
}

/** Locale-independent ordering (localeCompare would make output depend on the machine). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

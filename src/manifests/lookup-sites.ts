// Where a document uses lookups: every `{{ … }}` in its string values, with the file position
// of the "{{" itself (not just of the value), parsed or with what is wrong with it. Pure; part
// of what a job file's cache entry holds.
import { hasLookup, parseTemplate, type LookupProblem } from './lookup-syntax.js';
import { joinPointer } from './pointer.js';
import type { Position, PositionIndex } from './positions.js';
import type { LookupCall } from '../model/lookups.js';

export interface LookupSite {
  /** Pointer of the string value in the document as written. */
  pointer: string;
  line: number;
  column: number;
  raw: string;
  call?: LookupCall;
  literal?: string;
  problem?: LookupProblem;
}

export function findLookupSites(value: unknown, positions: PositionIndex, text: string): LookupSite[] {
  const sites: LookupSite[] = [];
  let lineStarts: number[] | undefined;
  const offsetOf = ([line, column]: Position): number => {
    lineStarts ??= startsOfLines(text);
    return (lineStarts[line - 1] ?? 0) + column - 1;
  };
  const positionOf = (offset: number): Position => {
    lineStarts ??= startsOfLines(text);
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return [lo + 1, offset - lineStarts[lo]! + 1];
  };
  const walk = (v: unknown, pointer: string): void => {
    if (typeof v === 'string') {
      if (!hasLookup(v)) return;
      const at = positions.scalars.get(pointer) ?? positions.fields.get(pointer) ?? [1, 1];
      // Each "{{" of the value is the next "{{" in the text from where the scalar starts
      // (quotes and escapes change other characters, never braces).
      let search = offsetOf(at);
      for (const part of parseTemplate(v)) {
        const found = text.indexOf('{{', search);
        const [line, column] = found >= 0 ? positionOf(found) : at;
        if (found >= 0) search = found + 2;
        const site: LookupSite = { pointer, line, column, raw: part.raw };
        if (part.call) site.call = part.call;
        if (part.literal !== undefined) site.literal = part.literal;
        if (part.problem) site.problem = part.problem;
        sites.push(site);
      }
      return;
    }
    if (Array.isArray(v)) v.forEach((item, i) => walk(item, joinPointer(pointer, i)));
    else if (typeof v === 'object' && v !== null)
      for (const [k, item] of Object.entries(v)) walk(item, joinPointer(pointer, k));
  };
  walk(value, '');
  return sites;
}

function startsOfLines(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

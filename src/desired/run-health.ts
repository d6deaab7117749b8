// spec.run.maxDuration / stopAfterMaxDuration / overlap → what the controller watches a job's
// runs for. Absent when the job asks for nothing beyond the defaults.
import type { RunHealthSettings } from '../model/desired.js';
import { BerthError } from '../model/errors.js';
import type { RunSpec } from '../model/manifest.js';
import { parseDuration } from '../run/duration.js';
import { error, type Report } from './problems.js';

export function runHealth(run: RunSpec, report: Report): RunHealthSettings | undefined {
  if (run.maxDuration == null && run.stopAfterMaxDuration == null && run.overlap == null) return undefined;
  const out: RunHealthSettings = {
    stopAfterMaxDuration: run.stopAfterMaxDuration === true,
    overlap: run.overlap ?? 'allow',
  };
  if (run.maxDuration != null) {
    try {
      out.maxDurationMs = parseDuration(run.maxDuration, 'run.maxDuration');
    } catch (err) {
      report(
        error(
          'render/max-duration',
          '/spec/run/maxDuration',
          err instanceof BerthError ? err.message : String(err),
          'e.g. 45m, 2h, 1h30m',
        ),
      );
    }
  }
  if (out.stopAfterMaxDuration && out.maxDurationMs === undefined && run.maxDuration == null)
    report(
      error(
        'render/max-duration',
        '/spec/run/stopAfterMaxDuration',
        'stopAfterMaxDuration needs run.maxDuration',
        'set run.maxDuration (e.g. 2h) or drop stopAfterMaxDuration',
      ),
    );
  return out;
}

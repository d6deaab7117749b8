// `npm run bench -- --jobs 1000`: see options.ts for the flags and RESULTS.md for the figures.
import { parseOptions, UsageError } from './options.js';
import { renderOnly, runBench } from './runner.js';

try {
  const opts = parseOptions(process.argv.slice(2));
  if (opts.reportOnly) {
    await renderOnly(opts);
    process.exit(0);
  }
  const { fresh } = await runBench(opts);
  const failed = fresh.runs.filter((r) => r.error);
  process.stderr.write(
    `wrote ${opts.out}/results.json and ${opts.out}/RESULTS.md (${fresh.runs.length} results, ${failed.length} failed)\n`,
  );
  process.exitCode = failed.length ? 1 : 0;
} catch (err) {
  process.stderr.write(
    `${err instanceof UsageError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exitCode = err instanceof UsageError ? 64 : 1;
}

// The published form of berth: the compiled output (dist/src) bundled by esbuild into
// dist/bundle, one chunk per command plus shared chunks, so `berth plan` still does not load the
// controller. It installs at a tenth of the size and starts faster (bench/packaging.sh,
// docs/performance.md). ajv stays a dependency: the generated validators require its runtime
// through createRequire, which a bundler cannot follow.
import { chmod, readdir, readFile, rm } from 'node:fs/promises';
import { build } from 'esbuild';
import { codeFingerprint } from '../dist/src/manifests/job-file-cache.js';
import { hashPlannerModules } from '../dist/src/pipeline/job-plan-store.js';

const outdir = 'dist/bundle';
await rm(outdir, { recursive: true, force: true });
await build({
  entryPoints: ['dist/src/main.js'],
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  outdir,
  external: ['ajv'],
  // The bundle has no plan/ or manifests/ directory for the caches to hash at run time (the
  // manifest cache would hash the whole bundle): the hashes of the compiled ones are fixed now
  // (src/pipeline/job-plan-store.ts, src/manifests/job-file-cache.ts).
  define: {
    __BERTH_MANIFESTS_FINGERPRINT__: JSON.stringify(codeFingerprint()),
    // The whole compiled program: the planner imports beyond plan/, and it costs nothing at run time.
    __BERTH_PLANNER_FINGERPRINT__: JSON.stringify(
      hashPlannerModules([new URL('../dist/src/', import.meta.url)]),
    ),
  },
  minifySyntax: true,
  minifyWhitespace: true,
  // CommonJS dependencies call require(); an ES module has none of its own.
  banner: {
    js: "import { createRequire as __berthRequire } from 'node:module'; const require = __berthRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
await chmod(`${outdir}/main.js`, 0o755);
for (const f of await readdir(outdir))
  if (/__BERTH_(PLANNER|MANIFESTS)_FINGERPRINT__/.test(await readFile(`${outdir}/${f}`, 'utf8')))
    throw new Error(`${outdir}/${f}: a code fingerprint was not inlined`);

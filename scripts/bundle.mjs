// The published form of berth: the compiled output (dist/src) bundled by esbuild into
// dist/bundle, one chunk per command plus shared chunks, so `berth plan` still does not load the
// controller. It installs at a tenth of the size and starts faster (bench/packaging.sh,
// docs/performance.md). ajv stays a dependency: the generated validators require its runtime
// through createRequire, which a bundler cannot follow.
import { chmod, rm } from 'node:fs/promises';
import { build } from 'esbuild';

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
  minifySyntax: true,
  minifyWhitespace: true,
  // CommonJS dependencies call require(); an ES module has none of its own.
  banner: {
    js: "import { createRequire as __berthRequire } from 'node:module'; const require = __berthRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
await chmod(`${outdir}/main.js`, 0o755);

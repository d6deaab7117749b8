// Reads a fixture repository (berth.yaml + jobs/**.yaml) with the yaml package: the
// loader stage is tested elsewhere; these tests only need parsed manifests with a source.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { LineCounter, parse, parseAllDocuments } from 'yaml';
import type { LoadedJob } from '../../../../src/model/diagnostics.js';
import type { JobManifest, RepoConfig } from '../../../../src/model/manifest.js';

export function loadFixture(root: string): { config: RepoConfig; jobs: LoadedJob[] } {
  const config = parse(readFileSync(join(root, 'berth.yaml'), 'utf8')) as RepoConfig;
  const jobsDir = join(root, config.spec.jobsDir ?? 'jobs');
  const jobs: LoadedJob[] = [];
  for (const path of yamlFiles(jobsDir)) {
    const file = relative(root, path).split('\\').join('/');
    const lines = new LineCounter();
    const docs = parseAllDocuments(readFileSync(path, 'utf8'), { lineCounter: lines });
    docs.forEach((doc, document) => {
      const start = lines.linePos(doc.contents?.range[0] ?? 0);
      jobs.push({
        manifest: doc.toJS() as JobManifest,
        source: { file, document, line: start.line, column: start.col },
        positions: {},
      });
    });
  }
  return { config, jobs };
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

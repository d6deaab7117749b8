// A generated repository written out as files, the ways people write them: block YAML,
// flow YAML or JSON, one job per file or several documents per file.
import fc from 'fast-check';
import { stringify } from 'yaml';
import { repository } from './repository.js';
import type { GeneratedRepo, RepositoryOptions } from './repository.js';
import type { GenEnv } from './values.js';

export type RepoFiles = Record<string, string>;
export type Style = 'block' | 'flow' | 'json';

export function serialise(value: unknown, style: Style): string {
  if (style === 'json') return `${JSON.stringify(value, null, 2)}\n`;
  return stringify(value, style === 'flow' ? { collectionStyle: 'flow', lineWidth: 0 } : { lineWidth: 0 });
}

/** berth.yaml plus jobs/*.yaml; `perFile` jobs per file as a multi-document stream. */
export function toFiles(repo: GeneratedRepo, style: Style, perFile: number): RepoFiles {
  const files: RepoFiles = { 'berth.yaml': serialise(repo.config, style) };
  for (let i = 0; i < repo.jobs.length; i += perFile) {
    const docs = repo.jobs.slice(i, i + perFile).map((j) => serialise(j, style));
    files[`jobs/part-${String(i).padStart(3, '0')}.yaml`] = docs.join('---\n');
  }
  return files;
}

export interface GeneratedFiles {
  repo: GeneratedRepo;
  style: Style;
  files: RepoFiles;
}

export function repositoryFiles(env: GenEnv, opts?: RepositoryOptions): fc.Arbitrary<GeneratedFiles> {
  return fc
    .tuple(
      repository(env, opts),
      fc.constantFrom<Style>('block', 'flow', 'json'),
      fc.integer({ min: 1, max: 3 }),
    )
    .map(([repo, style, perFile]) => ({ repo, style, files: toFiles(repo, style, perFile) }));
}

// Every file `berth init` writes, in memory, so they can be validated before any is written.
import type { InitAnswers } from './answers.js';
import { readPackageFile } from './package-files.js';
import { configYaml, EXAMPLE_JOB, exampleJobYaml, gitignoreWith, JOB_MODELINE } from './templates.js';
import type { PlannedFile } from './write-files.js';

export const WORKFLOWS = ['berth-pull-request.yml', 'berth-apply.yml'] as const;

export interface FilesInput {
  answers: InitAnswers;
  /** The first job: seeded from a live task definition, else the example. */
  seed?: { file: PlannedFile; family: string };
  workflows: boolean;
  currentGitignore: string | undefined;
}

export async function initFiles(input: FilesInput): Promise<{ files: PlannedFile[]; merged: Set<string> }> {
  const files: PlannedFile[] = [
    { path: 'berth.yaml', content: configYaml(input.answers) },
    input.seed
      ? {
          path: input.seed.file.path,
          content: `${JOB_MODELINE}\n# Seeded by berth init from the task definition ${input.seed.family}.\n${input.seed.file.content}`,
        }
      : { path: `jobs/${EXAMPLE_JOB}.yaml`, content: exampleJobYaml() },
    // Editors complete and check every field from these (the modelines point at them).
    { path: 'schemas/config.schema.json', content: await readPackageFile('schemas/config.schema.json') },
    { path: 'schemas/job.schema.json', content: await readPackageFile('schemas/job.schema.json') },
  ];
  const merged = new Set<string>();
  const gitignore = gitignoreWith(input.currentGitignore);
  if (gitignore !== undefined) {
    files.push({ path: '.gitignore', content: gitignore });
    merged.add('.gitignore');
  }
  if (input.workflows) files.push(...(await workflowFiles()));
  return { files, merged };
}

/** The example GitHub workflows shipped with the package. */
export async function workflowFiles(): Promise<PlannedFile[]> {
  const out: PlannedFile[] = [];
  for (const w of WORKFLOWS)
    out.push({ path: `.github/workflows/${w}`, content: await readPackageFile(`examples/github/${w}`) });
  return out;
}

// `berth set-image JOB IMAGE` / `berth set-image --all-using REPOSITORY IMAGE`: the image tag
// bump a CI pipeline makes before opening a pull request, written into the manifests in place
// (comments and layout kept). The repository is validated after the edit; if the edit made a
// file invalid, every file is put back as it was.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { CONFIG_FILE, loadEnvironments, readRepositoryFiles } from '../../manifests/index.js';
import { isReadable } from '../../manifests/files.js';
import { setImage, type ImageEdit, type ImageRequest } from '../../manifests/set-image.js';
import type { Diagnostic } from '../../model/diagnostics.js';
import { BerthError } from '../../model/errors.js';
import { jsonDocument } from '../../report/json-envelope.js';
import { loadOptions, settingsOf } from '../context.js';
import { printDiagnostics } from '../diagnostics-output.js';
import { EXIT } from '../exit-codes.js';
import { outputOption } from '../option-parsers.js';

interface SetImageFlags {
  allUsing?: string;
  container?: string;
  output: 'text' | 'json';
}

export function register(program: Command): void {
  program
    .command('set-image')
    .description(
      "change a job's image in its manifest (comments and layout kept), then validate; with --env, the environment's override",
    )
    .argument('<job>', 'the job (with --all-using: the image)')
    .argument('[image]', 'the new image reference, e.g. 123456789012.dkr.ecr.eu-west-1.amazonaws.com/etl:v42')
    .option('--all-using <repository>', 'every job whose image is in this repository (no tag or digest)')
    .option('--container <name>', 'the container to change, for jobs with several')
    .addOption(outputOption(['text', 'json'], 'text'))
    .addHelpText(
      'after',
      '\nWith --env NAME (or BERTH_ENV) the image is written under spec.environments.NAME of each job.\n' +
        'Refused, changing nothing: an unknown job, a job with several containers and no --container,\n' +
        'an image that comes from a lookup, an edit that leaves the repository invalid.',
    )
    .action(
      async (first: string | undefined, second: string | undefined, flags: SetImageFlags, cmd: Command) => {
        process.exitCode = await run(first, second, flags, cmd);
      },
    );
}

async function run(
  first: string | undefined,
  second: string | undefined,
  flags: SetImageFlags,
  cmd: Command,
): Promise<number> {
  // One argument: the image (--all-using); two: the job, then the image.
  const image = second ?? first;
  const job = second === undefined ? undefined : first;
  if (!image) throw new BerthError('Invalid', 'no image given', { hint: 'berth set-image JOB IMAGE' });
  if (flags.allUsing !== undefined && job !== undefined)
    throw new BerthError('Invalid', 'give a job or --all-using, not both', {
      hint: 'berth set-image --all-using REPOSITORY IMAGE',
    });
  if (flags.allUsing === undefined && job === undefined)
    throw new BerthError('Invalid', 'which job? give its name, or --all-using REPOSITORY', {
      hint: 'berth set-image JOB IMAGE',
    });
  const settings = settingsOf(cmd);
  const root = settings.root;
  const environment = settings.environment;
  // Loaded as berth validate loads it: problems the files already have are not the edit's.
  const opts = loadOptions(settings, false);
  const before = await loadEnvironments(root, opts);
  const unknownEnvironment = before.diagnostics.find((d) => ENVIRONMENT_CHOICE.has(d.rule));
  if (unknownEnvironment)
    throw new BerthError('Invalid', unknownEnvironment.message, {
      ...(unknownEnvironment.hint ? { hint: unknownEnvironment.hint } : {}),
    });
  const { configFile, jobFiles } = await readRepositoryFiles(root);
  if (!configFile || !isReadable(configFile))
    throw new BerthError('Invalid', `cannot read ${CONFIG_FILE} in ${root}`, {
      hint: 'run berth set-image in the repository (or point -C at it)',
    });
  const files = jobFiles.filter(isReadable).map((f) => ({
    path: f.path,
    text: typeof f.content === 'string' ? f.content : new TextDecoder().decode(f.content),
  }));
  const req: ImageRequest = {
    image,
    ...(job !== undefined ? { job } : {}),
    ...(flags.allUsing !== undefined ? { repository: flags.allUsing } : {}),
    ...(flags.container !== undefined ? { container: flags.container } : {}),
    ...(environment !== undefined ? { environment } : {}),
  };
  const out = setImage(files, req);
  if (!out.ok) throw new BerthError('Invalid', out.refusal.message, { hint: out.refusal.hint });

  const originals = new Map(files.map((f) => [f.path, f.text]));
  // Problems the files already had are not the edit's: only new ones undo it.
  const known = new Set(before.diagnostics.map(errorKey));
  const written: string[] = [];
  for (const [file, r] of out.files)
    if (r.edits.length > 0 && r.text !== originals.get(file)) {
      await writeFile(path.join(root, file), r.text);
      written.push(file);
    }
  // Validated as every command will read it: each environment (or the one named), no AWS calls.
  const problems =
    written.length > 0
      ? (await loadEnvironments(root, opts)).diagnostics.filter(
          (d) => d.severity === 'error' && written.includes(d.file) && !known.has(errorKey(d)),
        )
      : [];
  if (problems.length > 0) {
    for (const file of written) await writeFile(path.join(root, file), originals.get(file)!);
    printDiagnostics(problems, process.stderr, settings.color);
    throw new BerthError('Invalid', 'the new image leaves the manifests invalid; every file was put back', {
      hint: 'fix the image reference (berth validate shows the rule)',
    });
  }
  const edits = [...out.files.values()].flatMap((r) => r.edits);
  const unchanged = [...out.files.values()].flatMap((r) => r.unchanged);
  const notes = [...out.files.values()].flatMap((r) => r.notes);
  if (flags.output === 'json')
    process.stdout.write(
      jsonDocument('berth.set-image', {
        image,
        ...(environment !== undefined ? { environment } : {}),
        changed: edits,
        unchanged,
        notes,
      }),
    );
  else {
    const line = (e: ImageEdit) =>
      `${e.file}:${e.line}:${e.column}  ${e.job}  ${e.from ?? '(new)'} -> ${e.to}\n`;
    for (const e of edits) process.stdout.write(line(e));
    for (const e of unchanged)
      process.stdout.write(`${e.file}:${e.line}:${e.column}  ${e.job}  already ${e.to}\n`);
    for (const n of notes) process.stderr.write(`berth: note: ${n}\n`);
    process.stdout.write(`${edits.length} image(s) changed in ${written.length} file(s)\n`);
  }
  return EXIT.ok;
}

/** The rules by which loading refuses the environment asked for (unknown, or none declared). */
const ENVIRONMENT_CHOICE = new Set(['environment/unknown', 'environment/not-declared']);

/** Lines move with the text around them; the rule, file and message identify a problem. */
const errorKey = (d: Diagnostic) => `${d.file}|${d.rule}|${d.pointer}|${d.message}`;

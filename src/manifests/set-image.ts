// `berth set-image`: the image of a job (or of every job using a repository) changed in the
// manifest text itself. Nodes are found with the yaml Document API and only the bytes of the
// image scalar are replaced, in the quoting style it was written in, so comments, order and
// layout stay exactly as they were. A new per-environment override is the one case that adds
// a key; the Document API writes it, keeping comments. Ambiguous requests are refused. Pure.
import { isMap, isScalar, isSeq, parseAllDocuments, Scalar, type Document, type Node } from 'yaml';
import { suggest } from './suggest.js';

export interface ImageRequest {
  /** The new image reference. */
  image: string;
  /** One job by name… */
  job?: string;
  /** …or every job whose image is in this repository (image without :tag / @digest). */
  repository?: string;
  /** The container whose image changes, for jobs with several. */
  container?: string;
  /** Change the image of this environment (spec.environments.<name>) instead of the job's own. */
  environment?: string;
}

export interface ImageEdit {
  job: string;
  file: string;
  line: number;
  column: number;
  /** Where in the document: /spec/image, /spec/containers/1/image, /spec/environments/prod/image. */
  pointer: string;
  from: string | undefined;
  to: string;
}

export interface ImageFileResult {
  text: string;
  edits: ImageEdit[];
  /** Images already as asked for. */
  unchanged: ImageEdit[];
  /** Things left alone that people should know of (environment overrides, lookups). */
  notes: string[];
}

export interface ImageRefusal {
  message: string;
  hint: string;
}

export interface JobFileText {
  path: string;
  text: string;
}

type Path = (string | number)[];

interface Site {
  path: Path;
  node: Scalar | undefined;
  container?: string;
}

interface JobDoc {
  file: string;
  doc: Document.Parsed;
  name: string;
}

/** The repository part of an image reference: no @digest, no :tag. */
export function imageRepository(image: string): string {
  const noDigest = image.split('@')[0]!;
  const colon = noDigest.lastIndexOf(':');
  return colon > noDigest.lastIndexOf('/') ? noDigest.slice(0, colon) : noDigest;
}

/** Edits `files` as asked; a refusal changes nothing at all. */
export function setImage(
  files: readonly JobFileText[],
  req: ImageRequest,
): { ok: true; files: Map<string, ImageFileResult> } | { ok: false; refusal: ImageRefusal } {
  if (!/^[^\s{}]+$/.test(req.image))
    return refuse(
      `"${req.image}" is not an image reference`,
      'e.g. 123456789012.dkr.ecr.eu-west-1.amazonaws.com/etl:2024-06-01',
    );
  const parsed = files.map((f) => ({ f, docs: parseAllDocuments(f.text) }));
  const jobs: JobDoc[] = [];
  for (const { f, docs } of parsed) {
    if (!Array.isArray(docs)) continue;
    for (const doc of docs) {
      if (doc.errors.length > 0) continue;
      const kind = doc.getIn(['kind']);
      const name = doc.getIn(['metadata', 'name']);
      if (kind === 'Job' && typeof name === 'string') jobs.push({ file: f.path, doc, name });
    }
  }
  const results = new Map<string, ImageFileResult>();
  const result = (file: string) => {
    let r = results.get(file);
    if (!r) results.set(file, (r = { text: '', edits: [], unchanged: [], notes: [] }));
    return r;
  };
  const planned: { job: JobDoc; site: Site }[] = [];

  if (req.job !== undefined) {
    const named = jobs.filter((j) => j.name === req.job);
    if (named.length === 0) {
      const close = suggest(
        req.job,
        jobs.map((j) => j.name),
      );
      return refuse(
        `no job named "${req.job}"${close ? ` (did you mean ${close}?)` : ''}`,
        `jobs: ${
          jobs
            .map((j) => j.name)
            .sort()
            .slice(0, 20)
            .join(', ') || '(none)'
        }`,
      );
    }
    if (named.length > 1)
      return refuse(
        `job "${req.job}" is defined ${named.length} times (${named.map((j) => j.file).join(', ')})`,
        'keep one definition (berth validate reports the duplicate)',
      );
    const job = named[0]!;
    let sites = imageSites(job.doc, req.environment);
    if (req.container !== undefined) {
      const all = sites;
      sites = sites.filter((s) => s.container === req.container);
      if (sites.length === 0)
        return refuse(
          `job "${job.name}" has no container "${req.container}"${req.environment ? ` in environment ${req.environment}` : ''}`,
          containersHint(all),
        );
    }
    if (sites.length === 0 && req.environment !== undefined) {
      // No override yet: one is added, for a job written with a single spec.image.
      const base = imageSites(job.doc, undefined);
      if (base.length === 1 && base[0]!.container === undefined)
        sites = [{ path: ['spec', 'environments', req.environment, 'image'], node: undefined }];
      else
        return refuse(
          `job "${job.name}" has several containers; their images for environment ${req.environment} are written under spec.environments.${req.environment}.containers`,
          'add the containers there by hand once (lists replace), then set-image edits them',
        );
    }
    if (sites.length > 1)
      return refuse(
        `job "${job.name}" has ${sites.length} container images: say which with --container NAME`,
        containersHint(sites),
      );
    if (sites.length === 0)
      return refuse(
        `job "${job.name}" names no image`,
        'write spec.image (or spec.containers[].image) first',
      );
    const lookup = sites.find((s) => isLookup(s.node));
    if (lookup)
      return refuse(
        `the image of job "${job.name}" comes from a lookup (${String(lookup.node!.value)}): there is no literal to change`,
        'set the value the lookup reads instead (the variable, parameter or state output)',
      );
    planned.push({ job, site: sites[0]! });
  } else if (req.repository !== undefined) {
    for (const job of jobs)
      for (const site of imageSites(job.doc, req.environment)) {
        const value = site.node?.value;
        if (typeof value !== 'string' || imageRepository(value) !== req.repository) continue;
        if (isLookup(site.node)) {
          result(job.file).notes.push(
            `${job.name}: ${pointerOf(site.path)} comes from a lookup (${value}): left as written`,
          );
          continue;
        }
        if (req.container !== undefined && site.container !== req.container) continue;
        planned.push({ job, site });
      }
    if (planned.length === 0)
      return refuse(
        `no job${req.environment ? ` in environment ${req.environment}` : ''} uses an image of ${req.repository}`,
        'give the repository without tag or digest, exactly as the manifests write it',
      );
  } else return refuse('name a job, or --all-using REPOSITORY', 'berth set-image JOB IMAGE');

  // Edits per file, applied from the end of the text so earlier offsets stay valid.
  const byFile = new Map<string, typeof planned>();
  for (const p of planned) byFile.set(p.job.file, [...(byFile.get(p.job.file) ?? []), p]);
  for (const { f } of parsed) {
    const mine = byFile.get(f.path);
    if (!mine) continue;
    const r = result(f.path);
    let text = f.text;
    const added: { job: JobDoc; site: Site }[] = [];
    const ranges: { start: number; end: number; replacement: string }[] = [];
    for (const { job, site } of mine) {
      const from = site.node ? String(site.node.value) : undefined;
      const at = site.node?.range ? position(f.text, site.node.range[0]) : { line: 0, column: 0 };
      const edit: ImageEdit = {
        job: job.name,
        file: f.path,
        ...at,
        pointer: pointerOf(site.path),
        from,
        to: req.image,
      };
      if (from === req.image) {
        r.unchanged.push(edit);
        continue;
      }
      r.edits.push(edit);
      if (!site.node?.range) added.push({ job, site });
      else
        ranges.push({
          start: site.node.range[0],
          end: site.node.range[1],
          replacement: scalarText(site.node, req.image),
        });
      if (req.environment === undefined) r.notes.push(...overrideNotes(job, site));
    }
    for (const x of ranges.sort((a, b) => b.start - a.start))
      text = text.slice(0, x.start) + x.replacement + text.slice(x.end);
    for (const { job, site } of added) {
      // Only a new environment override: a key written into the block maps as they are indented.
      const insert = insertion(text, job.name, site.path, req.image);
      if (!insert)
        return refuse(
          `${f.path}: spec.environments of job "${job.name}" is written in flow style ({…}); berth adds keys only to block mappings`,
          `write spec.environments.${req.environment ?? ''}.image by hand once; set-image edits it from then on`,
        );
      text = text.slice(0, insert.offset) + insert.text + text.slice(insert.offset);
      const edit = r.edits.find((e) => e.job === job.name && e.pointer === pointerOf(site.path))!;
      Object.assign(edit, position(text, insert.offset + insert.text.indexOf('image:')));
    }
    r.text = text;
  }
  return { ok: true, files: results };
}

/**
 * Text that adds `path` (…environments.ENV.image) = image to job `name` of `text`: placed before
 * the first key of the deepest block mapping that exists, at that key's indentation.
 */
function insertion(
  text: string,
  name: string,
  path: Path,
  image: string,
): { offset: number; text: string } | undefined {
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs)) return undefined;
  const doc = docs.find((d) => d.getIn(['kind']) === 'Job' && d.getIn(['metadata', 'name']) === name);
  if (!doc) return undefined;
  for (let depth = path.length - 1; depth >= 1; depth--) {
    const map = doc.getIn(path.slice(0, depth), true);
    if (map === undefined) continue;
    if (!isMap(map) || map.flow || map.items.length === 0) return undefined;
    const firstKey = map.items[0]!.key as Node | undefined;
    if (!firstKey?.range) return undefined;
    const offset = firstKey.range[0];
    const indent = offset - text.lastIndexOf('\n', offset - 1) - 1;
    const missing = path.slice(depth);
    const lines = missing.map((key, i) => {
      const pad = ' '.repeat(indent + 2 * i);
      return i === missing.length - 1
        ? `${pad}${String(key)}: ${plainOrQuoted(image)}`
        : `${pad}${String(key)}:`;
    });
    // The first line takes the place of the existing key's indentation, which follows it.
    return { offset: offset - indent, text: `${lines.join('\n')}\n` };
  }
  return undefined;
}

function refuse(message: string, hint: string): { ok: false; refusal: ImageRefusal } {
  return { ok: false, refusal: { message, hint } };
}

/** The image scalars of a job document: its own, or those of one environment's override. */
function imageSites(doc: Document.Parsed, environment: string | undefined): Site[] {
  const base: Path = environment === undefined ? ['spec'] : ['spec', 'environments', environment];
  const sites: Site[] = [];
  const image = doc.getIn([...base, 'image'], true);
  if (isScalar(image)) sites.push({ path: [...base, 'image'], node: image });
  const containers = doc.getIn([...base, 'containers'], true);
  if (isSeq(containers))
    containers.items.forEach((c, i) => {
      if (!isMap(c)) return;
      const node = c.get('image', true);
      const name = c.get('name');
      if (isScalar(node))
        sites.push({
          path: [...base, 'containers', i, 'image'],
          node,
          ...(typeof name === 'string' ? { container: name } : {}),
        });
    });
  return sites;
}

/** Environments that set their own image keep it: said, so nobody is surprised. */
function overrideNotes(job: JobDoc, site: Site): string[] {
  const envs = job.doc.getIn(['spec', 'environments'], true);
  if (!isMap(envs)) return [];
  const notes: string[] = [];
  for (const pair of envs.items) {
    const env = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const own = imageSites(job.doc, env).filter((s) => s.container === site.container);
    for (const s of own)
      notes.push(
        `${job.name}: environment ${env} sets its own image (${String(s.node?.value)}): not changed`,
      );
  }
  return notes;
}

function isLookup(node: Scalar | undefined): boolean {
  return typeof node?.value === 'string' && node.value.includes('{{');
}

function containersHint(sites: Site[]): string {
  const names = sites.map((s) => s.container ?? '(unnamed)');
  return names.length > 0 ? `containers: ${names.join(', ')}` : 'the job has no containers';
}

function pointerOf(path: Path): string {
  return `/${path.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
}

function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** The new value written as the old one was: plain, 'single' or "double" quoted. */
function scalarText(node: Scalar, value: string): string {
  if (node.type === Scalar.QUOTE_SINGLE) return `'${value.replace(/'/g, "''")}'`;
  if (node.type === Scalar.QUOTE_DOUBLE) return JSON.stringify(value);
  return plainOrQuoted(value);
}

/** Plain only when YAML reads it back as the same string. */
function plainOrQuoted(value: string): string {
  const docs = parseAllDocuments(`k: ${value}`);
  const back = Array.isArray(docs) && docs.length === 1 ? docs[0]!.get('k') : undefined;
  return back === value && !value.includes('#') ? value : JSON.stringify(value);
}

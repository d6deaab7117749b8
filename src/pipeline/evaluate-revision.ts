// One revision of the repository evaluated: the working tree as it is, or any git ref (branch,
// tag, commit) read from git into a temp dir without touching the working tree.
import { declaredEnvironments, type JobFileCache } from '../manifests/index.js';
import type { Diagnostic } from '../model/diagnostics.js';
import type { LookupResolver } from '../model/lookups.js';
import type { ReviewSide } from '../model/review.js';
import { withRefTree, type SkippedEntry } from '../source/ref-tree.js';
import { currentRevision } from '../source/revision.js';
import { evaluateRepository, type Evaluation } from './evaluate.js';

export const WORKING_TREE = 'working tree';

export interface EvaluatedRevision {
  side: ReviewSide;
  evaluation: Evaluation;
}

/**
 * `ref` undefined: the working tree (read through `jobFileCache` when given). Diagnostics name
 * files relative to the root either way.
 */
/** What every evaluation of a command shares: the environment and how lookups are resolved. */
export interface RevisionOptions {
  environment?: string;
  resolveLookups?: LookupResolver;
}

export async function evaluateRevision(
  root: string,
  ref: string | undefined,
  region?: string,
  jobFileCache?: JobFileCache,
  more: RevisionOptions = {},
): Promise<EvaluatedRevision> {
  const opts = {
    ...(region ? { region } : {}),
    ...(more.environment !== undefined ? { environment: more.environment } : {}),
    ...(more.resolveLookups ? { resolveLookups: more.resolveLookups } : {}),
  };
  if (ref === undefined) {
    const commit = await currentRevision(root);
    const evaluation = await evaluateRepository(root, {
      ...opts,
      ...(commit ? { revision: commit } : {}),
      ...(jobFileCache ? { jobFileCache } : {}),
    });
    return { side: sideOf(WORKING_TREE, commit, evaluation), evaluation };
  }
  return withRefTree(root, ref, async (tree) => {
    const evaluation = await evaluateRepository(tree.dir, {
      ...opts,
      revision: tree.commit,
      lookupRoot: root,
    });
    const links = skippedWarnings(tree.skipped, ref);
    evaluation.diagnostics.push(...links);
    evaluation.warnings += links.length;
    return { side: sideOf(ref, tree.commit, evaluation), evaluation };
  });
}

/** A revision evaluated for each environment it declares (once, under undefined, when none). */
export interface RevisionEnvironments {
  /** What the user named ("working tree" or the ref) and the commit, as in ReviewSide. */
  label: string;
  commit?: string;
  /** Environments the revision declares (sorted; empty when none). */
  environments: string[];
  byEnvironment: Map<string | undefined, EvaluatedRevision>;
}

/**
 * Reads the revision once (one checkout of a ref) and evaluates it per environment: `only`
 * restricts that to one environment (left out where the revision declares others but not it).
 */
export async function evaluateRevisionEnvironments(
  root: string,
  ref: string | undefined,
  region: string | undefined,
  more: RevisionOptions & { only?: string } = {},
): Promise<RevisionEnvironments> {
  const run = async (dir: string, commit: string | undefined, label: string, extra: Diagnostic[]) => {
    const environments = await declaredEnvironments(dir);
    // One environment asked for: evaluated where it is declared, or where none are (to say why not).
    const wanted: (string | undefined)[] =
      more.only !== undefined
        ? environments.length === 0 || environments.includes(more.only)
          ? [more.only]
          : []
        : environments.length > 0
          ? environments
          : [undefined];
    const byEnvironment = new Map<string | undefined, EvaluatedRevision>();
    for (const environment of wanted) {
      const evaluation = await evaluateRepository(dir, {
        ...(region ? { region } : {}),
        ...(commit ? { revision: commit } : {}),
        ...(environment !== undefined ? { environment } : {}),
        ...(more.resolveLookups ? { resolveLookups: more.resolveLookups } : {}),
        // State files are not in a revision's manifests: they come from the working tree.
        lookupRoot: root,
      });
      evaluation.diagnostics.push(...extra);
      evaluation.warnings += extra.length;
      byEnvironment.set(environment, { side: sideOf(label, commit, evaluation), evaluation });
    }
    return { label, ...(commit ? { commit } : {}), environments, byEnvironment };
  };
  if (ref === undefined) return run(root, await currentRevision(root), WORKING_TREE, []);
  return withRefTree(root, ref, (tree) =>
    run(tree.dir, tree.commit, ref, skippedWarnings(tree.skipped, ref)),
  );
}

function sideOf(label: string, commit: string | undefined, e: Evaluation): ReviewSide {
  const noConfig = e.load.configFile === undefined && e.diagnostics.some((d) => d.rule === 'config/missing');
  return {
    label,
    ...(commit ? { commit } : {}),
    diagnostics: e.diagnostics,
    errors: e.errors,
    noConfig,
    valid: e.desired !== undefined,
  };
}

/** What was left out of a ref's tree, said where the loader would otherwise be silent. */
function skippedWarnings(skipped: readonly SkippedEntry[], ref: string): Diagnostic[] {
  return skipped.map((s) => ({
    severity: 'warning',
    file: s.path,
    line: 0,
    column: 0,
    pointer: '',
    rule: s.reason === 'symlink' ? 'git/symlink-not-followed' : 'git/unsafe-path',
    message:
      s.reason === 'symlink'
        ? `a symlink; links are not followed when reading ${ref}, so anything behind it was left out`
        : `a path berth will not write when reading ${ref}; the file was left out`,
    hint: 'commit the files themselves rather than links to them',
  }));
}

// One revision of the repository evaluated: the working tree as it is, or any git ref (branch,
// tag, commit) read from git into a temp dir without touching the working tree.
import type { JobFileCache } from '../manifests/index.js';
import type { Diagnostic } from '../model/diagnostics.js';
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
export async function evaluateRevision(
  root: string,
  ref: string | undefined,
  region?: string,
  jobFileCache?: JobFileCache,
): Promise<EvaluatedRevision> {
  const opts = region ? { region } : {};
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
    const evaluation = await evaluateRepository(tree.dir, { ...opts, revision: tree.commit });
    const links = skippedWarnings(tree.skipped, ref);
    evaluation.diagnostics.push(...links);
    evaluation.warnings += links.length;
    return { side: sideOf(ref, tree.commit, evaluation), evaluation };
  });
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

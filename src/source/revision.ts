// The git commit the manifests come from, for the berth:commit tag and plan headers.
import { simpleGit } from 'simple-git';

/** HEAD's full SHA (suffixed "-dirty" when tracked files under root changed), or undefined outside git. */
export async function currentRevision(root: string): Promise<string | undefined> {
  try {
    const git = simpleGit({ baseDir: root });
    if (!(await git.checkIsRepo())) return undefined;
    const sha = (await git.revparse(['HEAD'])).trim();
    const status = await git.status(['--untracked-files=no', '--', '.']);
    return status.isClean() ? sha : `${sha}-dirty`;
  } catch {
    // No commits yet, git missing, or not a repository: the tag is informational only.
    return undefined;
  }
}

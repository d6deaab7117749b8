// The README is a tutorial a newcomer finishes: at most 300 lines, every relative link (into
// docs/ and elsewhere) resolves, and its validate example is what berth prints for the mistake
// the tutorial asks for, after the `berth init` command it shows.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runInProcess } from '../support/in-process-cli.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** Relative link targets of a Markdown file (no URLs, no pure anchors), without their #anchors. */
function relativeLinks(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1]!)
    .filter((t) => !/^[a-z]+:/i.test(t) && !t.startsWith('#'))
    .map((t) => t.replace(/#.*$/, ''));
}

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('README', () => {
  it('stays a tutorial: at most 300 lines', () => {
    expect(README.split('\n').length).toBeLessThanOrEqual(300);
  });

  it('links only to files that exist, and so do the docs it links to', () => {
    const files = ['README.md', ...readdirSync(path.join(ROOT, 'docs')).map((f) => `docs/${f}`)];
    const broken = files.flatMap((f) =>
      relativeLinks(readFileSync(path.join(ROOT, f), 'utf8'))
        .filter((link) => !existsSync(path.resolve(ROOT, path.dirname(f), link)))
        .map((link) => `${f} → ${link}`),
    );
    expect(broken).toEqual([]);
    expect(relativeLinks(README).filter((l) => l.startsWith('docs/')).length).toBeGreaterThanOrEqual(8);
  });

  it('shows what berth validate prints for the tutorial’s typo', async () => {
    const init = /```sh\nmkdir etl-jobs && cd etl-jobs && git init\n(berth init [^`]*?)\n```/.exec(README);
    expect(init, 'the tutorial’s berth init command').not.toBeNull();
    const args = init![1]!
      .replace(/\\\n\s*/g, ' ')
      .split(/\s+/)
      .filter(Boolean)
      .slice(1);
    const example = /<!-- readme-validate-example[^>]*-->\n```console\n\$ berth validate\n([\s\S]*?)```/.exec(
      README,
    );
    expect(example, 'the validate example').not.toBeNull();

    dir = mkdtempSync(path.join(tmpdir(), 'berth-readme-'));
    expect((await runInProcess(['-C', dir, ...args, '--no-input'])).code).toBe(0);
    const job = path.join(dir, 'jobs/hello.yaml');
    writeFileSync(job, readFileSync(job, 'utf8').replace('\n  command:', '\n  comand:'));
    const validate = await runInProcess(['-C', dir, '--color', 'never', 'validate']);
    expect(validate.code).toBe(1);
    expect(validate.stdout).toBe(example![1]);
  });
});

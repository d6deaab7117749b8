// The generated berth repository in a temp dir, committed to git like a real one (the controller
// follows it through a file:// URL; the CLI reads its working tree and HEAD).
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { configYaml, ecscheduleYaml, jobYaml, type BenchJob, type RepoSettings } from './workload.js';

const run = promisify(execFile);

export class BenchRepo {
  private constructor(
    readonly dir: string,
    public jobs: BenchJob[],
  ) {}

  static async create(jobs: BenchJob[], settings: RepoSettings = {}): Promise<BenchRepo> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'berth-bench-repo-'));
    const repo = new BenchRepo(dir, jobs);
    await mkdir(path.join(dir, 'jobs'));
    await writeFile(path.join(dir, 'berth.yaml'), configYaml(settings));
    for (const job of jobs) await repo.writeJob(job);
    await writeFile(path.join(dir, 'ecschedule.yaml'), ecscheduleYaml(jobs));
    await repo.git('init', '-q', '-b', 'main');
    await repo.commit('bench jobs');
    return repo;
  }

  get url(): string {
    return `file://${this.dir}`;
  }

  get ecscheduleConfig(): string {
    return path.join(this.dir, 'ecschedule.yaml');
  }

  /** Replaces one job in both configurations and commits. */
  async update(job: BenchJob): Promise<void> {
    this.jobs = this.jobs.map((j) => (j.name === job.name ? job : j));
    await this.writeJob(job);
    await writeFile(this.ecscheduleConfig, ecscheduleYaml(this.jobs));
    await this.commit(`change ${job.name}`);
  }

  async dispose(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }

  private async writeJob(job: BenchJob): Promise<void> {
    await writeFile(path.join(this.dir, 'jobs', `${job.name}.yaml`), jobYaml(job));
  }

  private async commit(message: string): Promise<void> {
    await this.git('add', '-A');
    await this.git(
      '-c',
      'user.name=bench',
      '-c',
      'user.email=bench@example.invalid',
      'commit',
      '-qm',
      message,
    );
  }

  private async git(...args: string[]): Promise<void> {
    await run('git', ['-C', this.dir, ...args]);
  }
}

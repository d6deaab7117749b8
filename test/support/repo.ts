// Job repositories for tests: a berth.yaml wired to the emulator's network and a set of
// job files, written to a temp dir (optionally committed to a real git repository).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ACCOUNT, REGION } from './emulator.js';

export interface RepoNetwork {
  subnets: string[];
  securityGroups: string[];
}

export interface RepoOptions {
  owner?: string;
  prefix?: string;
  group?: string;
  keepRevisions?: number;
  network: RepoNetwork;
  /** Extra YAML lines appended under spec: (already indented by two spaces). */
  extraSpec?: string;
}

export function configYaml(o: RepoOptions): string {
  return `apiVersion: berth/v1
kind: Config
metadata:
  name: ${o.owner ?? 'test-owner'}
spec:
  region: ${REGION}
  cluster: arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/etl
  namePrefix: ${o.prefix ?? 't-'}
  scheduleGroup: ${o.group ?? 'berth-test'}
  schedulerRoleArn: arn:aws:iam::${ACCOUNT}:role/berth-scheduler
  keepRevisions: ${o.keepRevisions ?? 2}
  defaults:
    task:
      launchType: FARGATE
      cpu: 256
      memory: 512
      executionRoleArn: arn:aws:iam::${ACCOUNT}:role/exec
    network:
      subnets: [${o.network.subnets.join(', ')}]
      securityGroups: [${o.network.securityGroups.join(', ')}]
${o.extraSpec ?? ''}`;
}

/** A scheduled single-container job; `image` and `expression` let tests change it. */
export function jobYaml(
  name: string,
  opts: { image?: string; expression?: string; command?: string[] } = {},
): string {
  const command = opts.command ?? ['--date', '<aws.scheduler.scheduled-time>'];
  const args = command.map((c) => JSON.stringify(c)).join(', ');
  return `apiVersion: berth/v1
kind: Job
metadata:
  name: ${name}
spec:
  image: public.ecr.aws/docker/library/busybox:${opts.image ?? '1.36'}
  environment:
    STAGE: test
  run:
    command: [${args}]
  schedule:
    expression: ${opts.expression ?? 'cron(0 3 * * ? *)'}
    timezone: Asia/Tokyo
`;
}

export class TestRepo {
  private constructor(readonly dir: string) {}

  static async create(config: string, jobs: Record<string, string>): Promise<TestRepo> {
    const repo = new TestRepo(await mkdtemp(path.join(os.tmpdir(), 'berth-repo-')));
    await repo.write('berth.yaml', config);
    for (const [file, body] of Object.entries(jobs)) await repo.write(`jobs/${file}`, body);
    return repo;
  }

  async write(rel: string, body: string): Promise<void> {
    const file = path.join(this.dir, rel);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, body);
  }

  async remove(rel: string): Promise<void> {
    await rm(path.join(this.dir, rel), { force: true });
  }

  async dispose(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}

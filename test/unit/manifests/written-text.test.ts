// Environment values reach the container as written in YAML: numbers and booleans are not
// re-formatted on the way (issue 14: 012345678901 became 12345678901, 1.10 became 1.1).
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluateRepository } from '../../../src/pipeline/evaluate.js';
import { INVALID } from './support/corpus.js';

const repo = mkdtempSync(path.join(os.tmpdir(), 'berth-written-'));
afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe('environment values as written', () => {
  it('keeps numbers, leading zeros, long digit strings and booleans exactly as typed', async () => {
    cpSync(path.join(INVALID, '_base', 'berth.yaml'), path.join(repo, 'berth.yaml'));
    mkdirSync(path.join(repo, 'jobs'));
    writeFileSync(
      path.join(repo, 'jobs', 'a.yaml'),
      `apiVersion: berth/v1
kind: Job
metadata:
  name: a
spec:
  image: example/etl:1.0
  environment:
    ACCOUNT: 012345678901
    VERSION: 1.10
    BIG: 12345678901234567890
    ZIP: 01234
    HEX: 0x1F
    FLAG: True
    EXP: 1e3
    INF: .inf
    QUOTED: "007"
    PLAIN: 42
  run:
    environment:
      RUN_ZIP: 00501
  schedule:
    expression: cron(0 3 * * ? *)
`,
    );
    const ev = await evaluateRepository(repo);
    expect(ev.errors, JSON.stringify(ev.diagnostics)).toBe(0);
    const job = ev.desired!.jobs[0]!;
    const env = Object.fromEntries(
      (job.taskDefinition.containerDefinitions![0]!.environment ?? []).map((e) => [e.name, e.value]),
    );
    expect(env).toEqual({
      ACCOUNT: '012345678901',
      VERSION: '1.10',
      BIG: '12345678901234567890',
      ZIP: '01234',
      HEX: '0x1F',
      FLAG: 'True',
      EXP: '1e3',
      INF: '.inf',
      QUOTED: '007',
      PLAIN: '42',
    });
    const input = JSON.parse(job.schedule!.Target!.Input!) as {
      containerOverrides: { environment: { name: string; value: string }[] }[];
    };
    expect(input.containerOverrides[0]!.environment).toContainEqual({ name: 'RUN_ZIP', value: '00501' });
  });
});

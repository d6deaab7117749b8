import { describe, expect, it } from 'vitest';
import { controllerSettings, gitEnvironment } from '../../../src/config/controller.js';

describe('controllerSettings', () => {
  it('has documented defaults', () => {
    const s = controllerSettings({ dir: '/repo' }, { HOME: '/h' });
    expect(s).toMatchObject({
      source: { kind: 'local', dir: '/repo' },
      intervalMs: 60_000,
      resyncMs: 300_000,
      sync: { auto: true, selfHeal: false, prune: true },
      listen: { host: '0.0.0.0', port: 8080 },
      webhook: { secret: undefined, insecure: false, maxBodyBytes: 2 * 1024 * 1024 },
      alerts: { repeatMs: 6 * 3_600_000, perMinute: 10, deploys: false },
      logLevel: 'info',
      shutdownMs: 25_000,
    });
  });

  it('reads BERTH_* variables', () => {
    const s = controllerSettings(
      {},
      {
        HOME: '/h',
        BERTH_REPO_URL: 'https://u:t@git.example.com/jobs.git',
        BERTH_BRANCH: 'prod',
        BERTH_PATH: './deploy/',
        BERTH_INTERVAL: '30s',
        BERTH_RESYNC: '10m',
        BERTH_SELF_HEAL: 'true',
        BERTH_PRUNE: 'off',
        BERTH_AUTO_SYNC: '0',
        BERTH_LISTEN: '127.0.0.1:9090',
        BERTH_WEBHOOK_SECRET: 'whsec',
        BERTH_SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/x',
        BERTH_ALERT_WEBHOOK_URL: 'https://alerts.example.com/in',
        BERTH_ALERT_WEBHOOK_SECRET: 'sig',
        BERTH_LOG_LEVEL: 'DEBUG',
        BERTH_ALERT_DEPLOYS: 'yes',
      },
    );
    expect(s).toMatchObject({
      source: {
        kind: 'git',
        url: 'https://u:t@git.example.com/jobs.git',
        branch: 'prod',
        path: 'deploy',
        workdir: '/h/.cache/berth/git',
      },
      intervalMs: 30_000,
      resyncMs: 600_000,
      sync: { auto: false, selfHeal: true, prune: false },
      listen: { host: '127.0.0.1', port: 9090 },
      webhook: { secret: 'whsec' },
      alerts: {
        slackUrl: 'https://hooks.slack.com/services/x',
        webhookUrl: 'https://alerts.example.com/in',
        webhookSecret: 'sig',
        deploys: true,
      },
      logLevel: 'debug',
    });
  });

  it('takes flags over the environment', () => {
    const s = controllerSettings(
      { repo: 'file:///srv/r.git', interval: '2m', selfHeal: false, prune: true, listen: '9000' },
      {
        HOME: '/h',
        BERTH_REPO_URL: 'https://other',
        BERTH_INTERVAL: '5s',
        BERTH_SELF_HEAL: 'yes',
        BERTH_PRUNE: 'no',
      },
    );
    expect(s).toMatchObject({
      source: { url: 'file:///srv/r.git', branch: 'main', path: '' },
      intervalMs: 120_000,
    });
    expect(s.sync).toEqual({ auto: true, selfHeal: false, prune: true });
    expect(s.listen).toEqual({ host: '0.0.0.0', port: 9000 });
  });

  it.each([
    [{ interval: 'soon' }, {}, /--interval/],
    [{ listen: 'host:port' }, {}, /--listen/],
    [{}, { BERTH_SELF_HEAL: 'maybe' }, /BERTH_SELF_HEAL/],
    [{ repo: 'file:///r', path: '../up' }, {}, /--path/],
    [{ logLevel: 'loud' }, {}, /log level/],
    [{}, { BERTH_ALERT_RATE: '-1' }, /BERTH_ALERT_RATE/],
  ])('refuses bad values: %o %o', (flags, env, message) => {
    expect(() => controllerSettings(flags, { HOME: '/h', ...env })).toThrow(message);
  });
});

describe('gitEnvironment', () => {
  it('passes only what git needs, never prompts, and batches ssh', () => {
    const env = gitEnvironment({
      PATH: '/usr/bin',
      HOME: '/h',
      SSH_AUTH_SOCK: '/tmp/agent',
      AWS_SECRET_ACCESS_KEY: 'nope',
      BERTH_WEBHOOK_SECRET: 'nope',
      EDITOR: 'vim',
    });
    expect(env).toEqual({
      PATH: '/usr/bin',
      HOME: '/h',
      SSH_AUTH_SOCK: '/tmp/agent',
      GIT_TERMINAL_PROMPT: '0',
      GIT_SSH_COMMAND: 'ssh -o BatchMode=yes',
    });
  });

  it("keeps the operator's own ssh command", () => {
    expect(gitEnvironment({ GIT_SSH_COMMAND: 'ssh -i /k' }).GIT_SSH_COMMAND).toBe('ssh -i /k');
  });
});

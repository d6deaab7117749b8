import { describe, expect, it } from 'vitest';
import { gitRemote } from '../../../src/source/git-credentials.js';

describe('git credentials', () => {
  it('moves http(s) credentials from the URL into an Authorization header in the environment', () => {
    const r = gitRemote('https://x-access-token:t%40k:en@git.example.com/org/jobs.git');
    expect(r.url).toBe('https://git.example.com/org/jobs.git');
    expect(r.url).not.toContain('t%40k');
    expect(r.env.GIT_CONFIG_COUNT).toBe('1');
    expect(r.env.GIT_CONFIG_KEY_0).toBe('http.extraHeader');
    const header = r.env.GIT_CONFIG_VALUE_0!;
    expect(header.startsWith('Authorization: Basic ')).toBe(true);
    expect(Buffer.from(header.slice('Authorization: Basic '.length), 'base64').toString()).toBe(
      'x-access-token:t@k:en',
    );
  });

  it('takes a lone token as the user name', () => {
    const r = gitRemote('http://TOKEN@127.0.0.1:8080/repo.git');
    expect(r.url).toBe('http://127.0.0.1:8080/repo.git');
    expect(Buffer.from(r.env.GIT_CONFIG_VALUE_0!.split(' ').pop()!, 'base64').toString()).toBe('TOKEN:');
  });

  it('leaves URLs without credentials, ssh and file URLs alone', () => {
    for (const url of [
      'https://git.example.com/org/jobs.git',
      'ssh://git@git.example.com/org/jobs.git',
      'git@git.example.com:org/jobs.git',
      'file:///srv/git/jobs.git',
    ])
      expect(gitRemote(url)).toEqual({ url, env: {} });
  });
});

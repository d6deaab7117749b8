// Credentials in an http(s) repository URL (https://user:token@host/…) must not be on git's
// command line, where any local user can read them (ps, /proc/<pid>/cmdline). git gets the
// URL without them and the credentials as an Authorization header through its environment
// (GIT_CONFIG_COUNT, git ≥ 2.31), which only the same user can read.

export interface GitRemote {
  /** The URL git is given: without user info. */
  url: string;
  /** Environment that carries the credentials (empty when the URL has none). */
  env: Record<string, string>;
}

export function gitRemote(url: string): GitRemote {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { url, env: {} }; // scp-like ssh (git@host:path) and plain paths
  }
  if (!/^https?:$/.test(parsed.protocol) || (parsed.username === '' && parsed.password === ''))
    return { url, env: {} };
  const user = decodeURIComponent(parsed.username);
  const password = decodeURIComponent(parsed.password);
  parsed.username = '';
  parsed.password = '';
  const basic = Buffer.from(`${user}:${password}`, 'utf8').toString('base64');
  return {
    url: parsed.toString(),
    env: {
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'http.extraHeader',
      GIT_CONFIG_VALUE_0: `Authorization: Basic ${basic}`,
    },
  };
}

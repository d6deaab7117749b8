// Credentials in git URLs (https://user:token@host/...) must never reach logs, status or
// alerts. Every URL berth prints goes through redactUrl; free text (git's own error
// messages quote the URL) goes through redactText.

const MASK = '***';
// A bare ssh user ("ssh://git@host") names an account, not a secret; over http a lone
// user name is often the token itself (https://TOKEN@host).
const SSH = /^(git\+)?ssh:\/\/$/i;

/** The URL with any credentials replaced by "***"; scp-like ssh forms (git@host:path) pass through. */
export function redactUrl(url: string): string {
  return redactText(url);
}

/** Every "scheme://userinfo@" inside a text, masked. */
export function redactText(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)([^\s/@'"<>]+)@/gi, (_m, scheme: string, auth: string) => {
    if (auth.includes(':')) return `${scheme}${MASK}:${MASK}@`;
    return SSH.test(scheme) ? `${scheme}${auth}@` : `${scheme}${MASK}@`;
  });
}

// The secrets scan's detector must itself be trustworthy: a canary is found raw, URL-encoded,
// hex-encoded and inside base64/base64url text at any byte alignment, and allowedIn exempts
// only the artifacts it names.
import { describe, expect, it } from 'vitest';
import { canary, encodedForms, scan } from '../../integration/reliability/canaries.js';

const c = canary('UNIT');

describe('canary scan', () => {
  it('finds a canary however it was encoded', () => {
    const texts = {
      raw: `token=${c.value}`,
      url: `https://x/?t=${encodeURIComponent(c.value)}`,
      hex: `0x${Buffer.from(c.value).toString('hex').toUpperCase()}`,
      ...Object.fromEntries(
        [0, 1, 2].flatMap((pad) => [
          [`b64-${pad}`, Buffer.from(`${'p'.repeat(pad)}user:${c.value}!`).toString('base64')],
          [`b64url-${pad}`, Buffer.from(`${'p'.repeat(pad)}${c.value}`).toString('base64url')],
        ]),
      ),
    };
    const artifacts = Object.entries(texts).map(([name, text]) => ({ name, text }));
    const found = scan(artifacts, [c]).map((f) => f.artifact);
    expect(found.sort()).toEqual(Object.keys(texts).sort());
    expect(encodedForms(c.value).length).toBe(9);
  });

  it('stays quiet on clean text and where the canary is allowed', () => {
    const artifacts = [
      { name: 'log', text: 'nothing to see' },
      { name: 'cache/x.json', text: c.value },
    ];
    expect(scan(artifacts, [{ ...c, allowedIn: (a) => a.startsWith('cache/') }])).toEqual([]);
    expect(scan(artifacts, [c]).map((f) => f.artifact)).toEqual(['cache/x.json']);
  });
});

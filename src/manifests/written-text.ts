// Environment values are strings to the container, so they keep the text written in YAML:
// `ACCOUNT: 012345678901`, `VERSION: 1.10`, `BIG: 12345678901234567890`, `ZIP: 01234` and
// `FLAG: True` reach the task as written, not as the number or boolean YAML reads in them
// (12345678901, 1.1, 12345678901234567000, 1234, true).

/** Pointers of environment values in a job document (shorthand, containers, run overrides). */
const ENV_VALUE = /^\/spec(?:\/containers\/\d+|\/run(?:\/containers\/[^/]+)?)?\/environment\/[^/]+$/;

export function keepWrittenEnvironment(doc: unknown, written: ReadonlyMap<string, string>): void {
  for (const [pointer, text] of written) {
    if (!ENV_VALUE.test(pointer)) continue;
    const parts = pointer
      .split('/')
      .slice(1)
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    let node: unknown = doc;
    for (const part of parts.slice(0, -1)) node = (node as Record<string, unknown> | undefined)?.[part];
    const key = parts.at(-1)!;
    if (typeof node === 'object' && node !== null && !Array.isArray(node) && Object.hasOwn(node, key)) {
      const value = (node as Record<string, unknown>)[key];
      if (typeof value === 'number' || typeof value === 'boolean')
        (node as Record<string, unknown>)[key] = text;
    }
  }
}

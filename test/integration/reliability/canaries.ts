// Known secret values ("canaries") and a scanner that looks for them in everything berth wrote:
// raw, and in the encodings a leak could take on the way (base64 at every byte alignment,
// base64url, hex, URL-encoding). Each canary says where it may legitimately appear.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

export interface Canary {
  /** Short id used in failure messages. */
  kind: string;
  value: string;
  /** Artifacts (by name) where this value appears by design; everywhere else is a leak. */
  allowedIn?: (artifact: string) => boolean;
}

export interface Artifact {
  name: string;
  text: string;
}

export interface Finding {
  artifact: string;
  kind: string;
  form: string;
  excerpt: string;
}

/** Letters and digits plus "+" and "/" so URL-encoding and base64url differ from the raw text. */
export function canary(kind: string): Canary {
  return { kind, value: `cnry${kind}+7f3a/9c2e41d0` };
}

/** The forms a value can take when it leaks through an encoder. */
export function encodedForms(value: string): { form: string; text: string }[] {
  const forms: { form: string; text: string }[] = [{ form: 'raw', text: value }];
  const enc = encodeURIComponent(value);
  if (enc !== value) forms.push({ form: 'url-encoded', text: enc });
  forms.push({ form: 'hex', text: Buffer.from(value).toString('hex') });
  // A substring's base64 depends on its byte offset: take the stable middle at each of the
  // three alignments (the first and last 4-character groups mix in neighbouring bytes).
  for (let pad = 0; pad < 3; pad++) {
    const b = Buffer.concat([Buffer.alloc(pad, 0x20), Buffer.from(value)]);
    for (const [form, text] of [
      ['base64', b.toString('base64')],
      ['base64url', b.toString('base64url')],
    ] as const) {
      const core = text.slice(4, -4);
      if (core.length >= 12) forms.push({ form: `${form}@${pad}`, text: core });
    }
  }
  return forms;
}

export function scan(artifacts: readonly Artifact[], canaries: readonly Canary[]): Finding[] {
  const findings: Finding[] = [];
  for (const c of canaries) {
    const forms = encodedForms(c.value);
    for (const a of artifacts) {
      if (c.allowedIn?.(a.name)) continue;
      const lower = a.text.toLowerCase();
      for (const f of forms) {
        // hex may be printed in either case; the other forms are case-sensitive.
        const at = f.form === 'hex' ? lower.indexOf(f.text) : a.text.indexOf(f.text);
        if (at < 0) continue;
        const excerpt = a.text.slice(Math.max(0, at - 60), at + f.text.length + 20).replace(/\s+/g, ' ');
        findings.push({ artifact: a.name, kind: c.kind, form: f.form, excerpt });
        break;
      }
    }
  }
  return findings;
}

/** Every regular file under `root` (symlinks not followed), as artifacts named prefix/relative. */
export async function fileArtifacts(root: string, prefix: string): Promise<Artifact[]> {
  const out: Artifact[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile()) {
        const s = await stat(p);
        // git objects are zlib-compressed: their content is checked through the work tree.
        if (s.size > 5_000_000) continue;
        out.push({
          name: `${prefix}/${path.relative(root, p)}`,
          text: (await readFile(p)).toString('latin1'),
        });
      }
    }
  };
  await walk(root);
  return out;
}

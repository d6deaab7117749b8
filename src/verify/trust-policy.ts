// Does a role's trust policy let a service assume it? Allow statements for sts:AssumeRole with
// the service as principal, and no Deny that takes it away. Conditions are not evaluated: a
// condition narrows who may assume the role, the service is still the one named.
type Json = Record<string, unknown>;

const asList = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);

function actionMatches(stmt: Json): boolean {
  return asList(stmt.Action).some((a) => a === '*' || a === 'sts:*' || a === 'sts:AssumeRole');
}

function principalMatches(stmt: Json, service: string): boolean {
  const p = stmt.Principal;
  if (p === '*') return true;
  if (typeof p !== 'object' || p === null) return false;
  return asList((p as Json).Service).some((s) => s === service || s === '*');
}

/** Services named as principals of Allow statements, for the message. */
export function trustedServices(policy: string | undefined): string[] {
  const out = new Set<string>();
  for (const stmt of statements(policy)) {
    if (stmt.Effect !== 'Allow' || !actionMatches(stmt)) continue;
    const p = stmt.Principal;
    if (typeof p === 'object' && p !== null)
      for (const s of asList((p as Json).Service)) if (typeof s === 'string') out.add(s);
  }
  return [...out].sort();
}

export function trusts(policy: string | undefined, service: string): boolean {
  const list = statements(policy).filter((s) => actionMatches(s) && principalMatches(s, service));
  return list.some((s) => s.Effect === 'Allow') && !list.some((s) => s.Effect === 'Deny');
}

function statements(policy: string | undefined): Json[] {
  if (!policy) return [];
  try {
    const doc = JSON.parse(policy) as Json;
    return asList(doc.Statement).filter((s): s is Json => typeof s === 'object' && s !== null);
  } catch {
    return [];
  }
}

/** The statement to add, as JSON, for the fix. */
export function trustStatement(service: string): string {
  return JSON.stringify({ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' });
}

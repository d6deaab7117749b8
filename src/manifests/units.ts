// cpu / memory as people write them ("0.5 vCPU", "1 GB", 512) → ECS units and MiB.

export type Parsed = { ok: true; value: number } | { ok: false; error: string };

const CPU_RE = /^\s*(\d+(?:\.\d+)?)\s*(vcpus?|cpus?|units?)?\s*$/i;
const MEM_RE = /^\s*(\d+(?:\.\d+)?)\s*(gib|gb|g|mib|mb|m)?\s*$/i;

/** ECS cpu units: a bare number is units (1024 = 1 vCPU); "0.25 vCPU" is a fraction of a vCPU. */
export function parseCpu(spec: number | string): Parsed {
  const m = CPU_RE.exec(String(spec));
  if (!m) return { ok: false, error: `"${spec}" is not a cpu size; write 512, "0.5 vCPU" or "2 vCPU"` };
  const n = Number(m[1]);
  const unit = (m[2] ?? '').toLowerCase();
  const value = unit.startsWith('vcpu') || unit.startsWith('cpu') ? n * 1024 : n;
  if (!Number.isInteger(value) || value <= 0)
    return { ok: false, error: `cpu "${spec}" must come to a whole, positive number of units` };
  return { ok: true, value };
}

/** Memory in MiB: a bare number is MiB; "1 GB" / "1 GiB" / "1g" mean 1024 MiB (ECS's own reading). */
export function parseMemory(spec: number | string): Parsed {
  const m = MEM_RE.exec(String(spec));
  if (!m) return { ok: false, error: `"${spec}" is not a memory size; write 1024, "512 MiB" or "2 GB"` };
  const n = Number(m[1]);
  const unit = (m[2] ?? '').toLowerCase();
  const value = unit.startsWith('g') ? n * 1024 : n;
  if (!Number.isInteger(value) || value <= 0)
    return { ok: false, error: `memory "${spec}" must come to a whole, positive number of MiB` };
  return { ok: true, value };
}

/** Fargate task sizes: cpu units → allowed memory MiB (AWS-NOTES.md). */
const FARGATE: Record<number, { min: number; max: number; step: number } | number[]> = {
  256: [512, 1024, 2048],
  512: { min: 1024, max: 4096, step: 1024 },
  1024: { min: 2048, max: 8192, step: 1024 },
  2048: { min: 4096, max: 16384, step: 1024 },
  4096: { min: 8192, max: 30720, step: 1024 },
  8192: { min: 16384, max: 61440, step: 4096 },
  16384: { min: 32768, max: 122880, step: 8192 },
};

export const FARGATE_CPU_VALUES = Object.keys(FARGATE).map(Number);

export function fargateMemoryOptions(cpu: number): number[] {
  const entry = FARGATE[cpu];
  if (!entry) return [];
  if (Array.isArray(entry)) return entry;
  const out: number[] = [];
  for (let m = entry.min; m <= entry.max; m += entry.step) out.push(m);
  return out;
}

export function isValidFargateSize(cpu: number, memory: number): boolean {
  return fargateMemoryOptions(cpu).includes(memory);
}

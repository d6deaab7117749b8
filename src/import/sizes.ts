// cpu units and memory MiB as people write them: 512 → "0.5 vCPU", 2048 → "2 GB".

export function formatCpu(units: number): string | number {
  return units % 256 === 0 ? `${units / 1024} vCPU` : units;
}

export function formatMemory(mib: number): string {
  return mib % 1024 === 0 ? `${mib / 1024} GB` : `${mib} MiB`;
}

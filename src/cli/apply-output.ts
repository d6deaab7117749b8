// Apply progress and summary for people (stderr) and the result for machines (stdout JSON).
import type { ApplyEvent, ApplyResult } from '../model/apply.js';

const secs = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

export function progressPrinter(out: NodeJS.WritableStream): (e: ApplyEvent) => void {
  return (e) => {
    if (e.type === 'group' && e.status === 'created') out.write('schedule group created\n');
    if (e.type === 'step' && !e.step.ok)
      out.write(`  ${e.job}: ${e.step.step} ${e.step.name} failed: ${e.step.error}\n`);
    if (e.type === 'job-done') {
      const steps = e.outcome.steps.filter((s) => s.ok).map((s) => `${s.step} ${s.name}`);
      const detail = e.outcome.error ? e.outcome.error.message : steps.join(', ');
      out.write(
        `[${e.done}/${e.total}] ${e.job}: ${e.outcome.outcome} (${detail}) ${secs(e.outcome.durationMs)}, elapsed ${secs(e.elapsedMs)}\n`,
      );
    }
  };
}

export function renderApplySummary(r: ApplyResult): string {
  const count = (k: string) => r.jobs.filter((j) => j.outcome === k).length;
  const calls = Object.values(r.calls).reduce((a, b) => a + b, 0);
  const lines = [
    `Apply ${r.ok ? 'complete' : 'finished with failures'}: ${count('applied')} applied, ${count('unchanged')} unchanged, ${count('skipped')} skipped, ${count('failed')} failed in ${secs(r.durationMs)} (${calls} AWS calls).`,
  ];
  if (r.group === 'failed') lines.push(`schedule group could not be created: ${r.groupError}`);
  if (r.group === 'conflict')
    lines.push('schedule group is not owned by this berth repository: schedules were left alone');
  for (const j of r.jobs.filter((x) => x.outcome === 'failed'))
    lines.push(`  ✗ ${j.job}: ${j.error?.message ?? 'failed'}`);
  if (r.interrupted)
    lines.push('Interrupted: jobs not started are listed as skipped; run apply again to finish.');
  return lines.join('\n') + '\n';
}

// One AWS step of a job: a failure is recorded with its step name and rethrown to stop the job.
import type { ApplyStep } from '../model/apply.js';

export async function step<T>(
  ctx: { record: (s: ApplyStep) => void },
  name: string,
  target: string,
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    ctx.record({ step: name, name: target, ok: false, error: message });
    throw err;
  }
}

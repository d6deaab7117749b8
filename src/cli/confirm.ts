// Terraform-style confirmation: only the word "yes" applies.
import { createInterface } from 'node:readline/promises';

/** Ctrl-C (readline closes without settling the question) and an aborted signal both mean "no". */
export async function confirm(question: string, signal?: AbortSignal): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const closed = new Promise<string>((resolve) => rl.once('close', () => resolve('')));
  try {
    const answer = await Promise.race([
      rl.question(
        `${question}\n  Only 'yes' will be accepted to approve.\n\n  Enter a value: `,
        signal ? { signal } : {},
      ),
      closed,
    ]);
    return answer.trim() === 'yes';
  } catch {
    return false;
  } finally {
    rl.close();
  }
}

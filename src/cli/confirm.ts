// Terraform-style confirmation: only the word "yes" applies.
import { createInterface } from 'node:readline/promises';

/** Ctrl-C (readline closes without settling the question) and an aborted signal both mean "no". */
export async function confirm(
  question: string,
  signal?: AbortSignal,
  io: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream } = {
    input: process.stdin,
    output: process.stderr,
  },
): Promise<boolean> {
  // terminal: false leaves echo and line editing to the terminal itself: readline's own editing
  // writes cursor-movement sequences, which the output guard (terminal-guard.ts) would show as
  // text. Ctrl-C then reaches the process as SIGINT, which aborts `signal` (a "no").
  const rl = createInterface({ input: io.input, output: io.output, terminal: false });
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

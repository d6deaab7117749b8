// Asks for the answers flags did not give, on a terminal: one line each, the default in brackets.
import { createInterface } from 'node:readline/promises';
import { QUESTIONS, derivedDefaults, splitList, type PartialAnswers, type Question } from './answers.js';

export async function ask(
  given: PartialAnswers,
  seeded: boolean,
  folder: string,
  io: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream },
): Promise<PartialAnswers> {
  // terminal: false, as in cli/confirm.ts: the terminal echoes and edits the line itself. readline's
  // own echo passed through the output guard (terminal-guard.ts), which showed every Enter as a
  // literal \u000d after the answer.
  const rl = createInterface({ input: io.input, output: io.output, terminal: false });
  // Lines are read from the iterator rather than rl.question(): input that arrives all at once
  // (pasted, or piped in a test) keeps every line; end of input leaves the rest unanswered.
  const lines = rl[Symbol.asyncIterator]();
  const out: PartialAnswers = { ...given };
  try {
    for (const q of QUESTIONS) {
      if (out[q.key] !== undefined) continue;
      if (q.optionalWhenSeeded && seeded) continue;
      const fallback = defaultFor(q, out, folder);
      io.output.write(`${q.prompt}${fallback ? ` [${fallback}]` : ''}: `);
      const next = await lines.next();
      const answer = next.done ? '' : String(next.value).trim();
      const text = answer || fallback;
      if (!text) continue;
      if (q.list) (out as Record<string, unknown>)[q.key] = splitList(text);
      else (out as Record<string, unknown>)[q.key] = text;
    }
  } finally {
    rl.close();
  }
  return out;
}

function defaultFor(q: Question, a: PartialAnswers, folder: string): string | undefined {
  const d = derivedDefaults(a, folder) as Record<string, unknown>;
  const v = d[q.key];
  return typeof v === 'string' ? v : undefined;
}

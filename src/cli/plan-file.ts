// Reading the saved plan `berth apply PLAN_FILE` is given: any path a person may type (a typo, a
// directory, /dev/zero, a FIFO from `<(berth plan -o json)`) ends in one line naming the file,
// and memory stays bounded: at most MAX_PLAN_BYTES are read, whatever the file claims its size is.
import { open } from 'node:fs/promises';
import { BerthError } from '../model/errors.js';
import { isSystemError, systemErrorMessage } from './user-error.js';

/** A plan of 1,000 jobs is about 2 MiB of JSON; 64 MiB leaves room and bounds a runaway input. */
export const MAX_PLAN_BYTES = 64 * 1024 * 1024;

const HINT = 'save one with `berth plan -o json > plan.json` and pass that file';

export async function readPlanFile(file: string, maxBytes = MAX_PLAN_BYTES): Promise<string> {
  try {
    const handle = await open(file, 'r');
    try {
      const info = await handle.stat();
      if (info.isDirectory())
        throw new BerthError('Invalid', `plan file ${file} is a directory, not a file`, { hint: HINT });
      // Read in chunks up to the cap (+1 byte to tell "exactly the cap" from "more"): stat's size
      // is 0 for devices and pipes, so it cannot be trusted to bound the read.
      const chunks: Buffer[] = [];
      let total = 0;
      const chunk = Buffer.alloc(Math.min(1024 * 1024, maxBytes + 1));
      for (;;) {
        const { bytesRead } = await handle.read(chunk, 0, Math.min(chunk.length, maxBytes + 1 - total), null);
        if (bytesRead === 0) break;
        chunks.push(Buffer.from(chunk.subarray(0, bytesRead)));
        total += bytesRead;
        if (total > maxBytes)
          throw new BerthError(
            'Invalid',
            `plan file ${file} is larger than ${size(maxBytes)}: not a saved plan`,
            { hint: HINT },
          );
      }
      const text = Buffer.concat(chunks, total).toString('utf8');
      return text;
    } finally {
      await handle.close();
    }
  } catch (err) {
    if (isSystemError(err))
      throw new BerthError('Invalid', systemErrorMessage(err, `plan file ${file}`), {
        hint: HINT,
        cause: err,
      });
    throw err;
  }
}

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MiB` : `${bytes} bytes`;
}

// While `berth run --wait` waits: on a terminal one line redrawn in place, elsewhere a line
// each time a task's status changes (CI logs stay short).
import type { EcsTask } from '../model/aws-types.js';
import type { Clock } from './clock.js';
import { formatElapsed } from './duration.js';
import { taskId } from './log-location.js';
import type { ProgressSink } from './progress.js';

export class WaitProgress {
  private last = '';
  private readonly began: number;

  constructor(
    private readonly out: ProgressSink,
    private readonly tty: boolean,
    private readonly clock: Clock,
  ) {
    this.began = clock.now();
  }

  poll(tasks: EcsTask[]): void {
    const states = tasks.map((t) => `${taskId(t.taskArn ?? '?')} ${t.lastStatus ?? '?'}`).join(', ');
    const elapsed = formatElapsed(this.clock.now() - this.began);
    if (this.tty) this.out.write(`\r\x1b[Kwaiting: ${states} (${elapsed})`);
    else if (states !== this.last) this.out.write(`waiting: ${states} (${elapsed})\n`);
    this.last = states;
  }

  finish(): void {
    if (this.tty && this.last) this.out.write('\r\x1b[K');
  }
}

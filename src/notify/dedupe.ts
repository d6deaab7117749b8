// Suppresses an alert whose fingerprint was sent recently. The controller already raises a
// drift once per occurrence; this is the net under every kind (a failing apply raises the
// same alert each cycle) and repeats only after `repeatMs`, like Alertmanager's repeat_interval.

export class Deduper {
  private readonly sent = new Map<string, number>();

  constructor(
    private readonly repeatMs: number,
    private readonly now: () => number,
  ) {}

  /** True (and remembered) when this fingerprint may go out now. */
  admit(fingerprint: string): boolean {
    const t = this.now();
    const last = this.sent.get(fingerprint);
    if (last !== undefined && t - last < this.repeatMs) return false;
    this.sent.set(fingerprint, t);
    this.sweep(t);
    return true;
  }

  /** The condition ended: the next occurrence is news again. */
  forget(fingerprint: string): void {
    this.sent.delete(fingerprint);
  }

  private sweep(t: number): void {
    for (const [fp, at] of this.sent) if (t - at >= this.repeatMs) this.sent.delete(fp);
  }
}

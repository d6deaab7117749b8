// GitHub redelivers a webhook (by hand, or after a timeout on its side) with the same
// X-GitHub-Delivery id: a delivery already accepted must not start another cycle. The ids of
// the last `capacity` accepted deliveries are kept, oldest forgotten first.
export class RecentDeliveries {
  private readonly ids = new Set<string>();

  constructor(private readonly capacity = 1000) {}

  /** True the first time an id is seen (and remembers it); false for a repeat. */
  firstTime(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    // A Set iterates in insertion order: the first key is the oldest.
    if (this.ids.size > this.capacity) this.ids.delete(this.ids.values().next().value as string);
    return true;
  }
}

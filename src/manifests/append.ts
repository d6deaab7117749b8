// `out.push(...items)` passes every item as an argument on the stack: a hostile file with a
// few hundred thousand problems (one per `"` of a 1 MiB file) overflows it. A loop does not.
export function append<T>(out: T[], items: Iterable<T>): void {
  for (const item of items) out.push(item);
}

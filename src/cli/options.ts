// Small commander helpers shared by commands.

/** Repeatable option: `-t a -t b` → ['a', 'b']. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

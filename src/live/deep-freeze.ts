// Cache entries are frozen where they are stored, so every reader can share them without a copy
// (a warm read of 1,000 jobs used to clone ~2,000 descriptions) and a caller that tried to edit
// one would throw instead of quietly changing what the next read sees.

export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const v of Object.values(value)) deepFreeze(v);
  return Object.freeze(value);
}

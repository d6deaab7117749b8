// One exit point (house rule 8): 0 ok / in sync, 2 changes or drift (when asked), 1 error.
export const EXIT = { ok: 0, error: 1, changes: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

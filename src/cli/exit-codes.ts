// One exit point (house rule 8): 0 ok / in sync, 2 changes or drift (when asked), 1 error.
// `apply` exits 2 when it did all it could but AWS still differs from git by berth's own choice
// (a prune guard refused, jobs in conflict), 1 when something failed.
export const EXIT = { ok: 0, error: 1, changes: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

// AWS names of a job's resources: one prefix for the whole repository, so berth can list
// what it owns by prefix and two repositories can share an account without clashing.

/** ECS family: letters, digits, `_`, `-`; up to 255 characters. */
export const FAMILY_MAX = 255;
/** Scheduler schedule name: `[0-9a-zA-Z-_.]+`, up to 64 characters. */
export const SCHEDULE_NAME_MAX = 64;

export function familyName(namePrefix: string, job: string): string {
  return `${namePrefix}${job}`;
}

export function scheduleName(namePrefix: string, job: string): string {
  return `${namePrefix}${job}`;
}

export function isValidFamily(name: string): boolean {
  return name.length >= 1 && name.length <= FAMILY_MAX && /^[A-Za-z0-9_-]+$/.test(name);
}

export function isValidScheduleName(name: string): boolean {
  return name.length >= 1 && name.length <= SCHEDULE_NAME_MAX && /^[0-9A-Za-z_.-]+$/.test(name);
}

// Live state: what berth owns in AWS right now, read cheaply through an immutable-revision cache.
export { readLiveState, type ReadLiveOptions } from './read-live-state.js';
export {
  MemoryLiveCache,
  DEFAULT_FULL_READ_INTERVAL_MS,
  type ReadPolicy,
  type LiveCache,
  type CacheScope,
  type CachedRevision,
  type CachedSchedule,
} from './cache.js';
export { DiskLiveCache, cacheFileFor } from './disk-cache.js';

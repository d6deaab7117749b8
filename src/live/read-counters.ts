// Cache effectiveness of one read, reported in LiveState.stats.
export interface ReadCounters {
  cacheHits: number;
  cacheMisses: number;
  schedulesSkipped: number;
}

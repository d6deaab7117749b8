// Next fire times of Scheduler schedules (cron/rate/at, time zones, DST), and their formats.
export { nextFireTimes, type FireTimes, type RateAnchor, type ScheduleTiming } from './fire-times.js';
export { timingOf } from './timing.js';
export { clockTime, localTime, utcTime } from './format-time.js';
export {
  renderScheduleJson,
  renderScheduleText,
  SCHEDULE_JSON_KIND,
  type JobFireTimes,
} from './format-schedule.js';

// Someone "fixes" a job in the console: disables its schedule and moves it to 05:00.
// berth should report exactly these two fields as drift and put them back.
import { GetScheduleCommand, SchedulerClient, UpdateScheduleCommand } from '@aws-sdk/client-scheduler';

const [, , group, name] = process.argv;
if (!group || !name) throw new Error('usage: out-of-band.ts GROUP SCHEDULE');
const scheduler = new SchedulerClient({});
const s = await scheduler.send(new GetScheduleCommand({ GroupName: group, Name: name }));
await scheduler.send(
  new UpdateScheduleCommand({
    Name: name,
    GroupName: group,
    ScheduleExpression: 'cron(0 5 * * ? *)',
    ScheduleExpressionTimezone: s.ScheduleExpressionTimezone,
    FlexibleTimeWindow: s.FlexibleTimeWindow ?? { Mode: 'OFF' },
    Target: s.Target!,
    State: 'DISABLED',
    Description: s.Description,
    StartDate: s.StartDate,
    EndDate: s.EndDate,
    ActionAfterCompletion: s.ActionAfterCompletion,
  }),
);
console.log(`out of band: ${group}/${name} disabled and moved to cron(0 5 * * ? *)`);

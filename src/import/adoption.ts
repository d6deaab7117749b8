// What happens to imported jobs at the first `berth apply`, and the steps that are the user's:
// taking over the live revision (tags, no new revision), the schedules berth re-creates in its
// own group (Scheduler cannot move a schedule between groups), and removing the old schedule or
// rule afterwards so a job does not run twice. Pure: text lines with the exact commands.
import type { GroupStatus } from '../model/live.js';
import { MANAGED_BY_VALUE, TAG } from '../model/desired.js';
import { ownershipOf } from '../live/ownership.js';
import type { AdoptOutcome } from './adopt.js';
import { adoptionTags } from './adoption-tags.js';
import type { ImportedJob } from './convert.js';
import { describeOrigin, parseTaskDefinitionRef } from './sources.js';

export interface AdoptionContext {
  owner: string;
  scheduleGroup: string;
  groupStatus: GroupStatus;
  namePrefix: string;
  keepRevisions: number;
  region: string | undefined;
  /** The selection flags to repeat in `berth import --adopt …`. */
  rerun: string;
  /** Outcomes of --adopt, when it ran. */
  adopted?: AdoptOutcome[];
}

/** Jobs whose manifest is in the repository now (written, unchanged, or already there). */
export const inRepository = (j: ImportedJob) =>
  j.outcome === 'written' || j.outcome === 'unchanged' || j.outcome === 'exists';

export function adoptionSteps(jobs: ImportedJob[], ctx: AdoptionContext): string[] {
  const present = jobs.filter(inRepository);
  if (present.length === 0) return [];
  const out: string[] = [];
  const r = ctx.region ? ` --region ${ctx.region}` : '';
  if (ctx.groupStatus === 'missing' && present.some((j) => j.desired?.schedule))
    out.push(
      `schedule group ${ctx.scheduleGroup}: created by berth and tagged ${TAG.managedBy}=${MANAGED_BY_VALUE}, ${TAG.owner}=${ctx.owner}.`,
    );
  if (ctx.groupStatus === 'unowned' || ctx.groupStatus === 'foreign')
    out.push(
      `schedule group ${ctx.scheduleGroup} exists but is not this installation's: berth will not create schedules in it. ` +
        `Set spec.scheduleGroup to a group of berth's own (recommended: berth deletes schedules without a manifest in its group).`,
    );
  for (const job of present) out.push(...familySteps(job, ctx, r), ...scheduleSteps(job, ctx, r));
  return out;
}

function familySteps(job: ImportedJob, ctx: AdoptionContext, r: string): string[] {
  const s = job.source;
  const rev = `${s.family}:${s.revision}`;
  const out: string[] = [];
  const adopted = ctx.adopted?.find((a) => a.job === job.name);
  if (adopted?.status === 'tagged')
    out.push(
      `family ${s.family}: ${rev} tagged as berth's; the first apply registers ${adopted.exact ? 'no new revision' : 'a new revision (it differs from git)'}.`,
    );
  else if (adopted?.status === 'skipped') out.push(`family ${s.family}: not adopted (${adopted.reason}).`);
  else if (ownershipOf(s.tags, ctx.owner).kind !== 'owned') {
    const tags = job.desired ? adoptionTags(job.desired, s.taskDefinition).tags : {};
    const list = Object.entries(tags)
      .map(([k, v]) => shellWord(`key=${k},value=${v}`))
      .join(' ');
    out.push(
      `family ${s.family}: no new revision; berth takes over ${rev} by tagging it. Until then \`berth plan\` shows the job as a Conflict. ` +
        `Run \`berth import --adopt ${ctx.rerun}\`, or tag it yourself:`,
      `    aws ecs tag-resource --resource-arn ${s.revisionArn} --tags ${list}${r}`,
    );
  }
  const old = s.active.length - ctx.keepRevisions;
  if (old > 0) {
    const names = s.active
      .slice(0, old)
      .map((a) => `${s.family}:${parseTaskDefinitionRef(a)?.revision ?? '?'}`);
    out.push(
      `family ${s.family}: keepRevisions is ${ctx.keepRevisions}, so apply deregisters ${names.join(', ')}.`,
    );
  }
  return out;
}

function scheduleSteps(job: ImportedJob, ctx: AdoptionContext, r: string): string[] {
  const src = job.source.schedule;
  const out: string[] = [];
  for (const o of job.source.otherSchedules)
    out.push(
      `${describeOrigin(o)} also runs ${job.source.family}: not imported (a job has one schedule); it keeps running as it is.`,
    );
  // In a group that is not berth's nothing is created: the group line says what to do first.
  if (!src || !job.desired?.schedule || ctx.groupStatus === 'unowned' || ctx.groupStatus === 'foreign')
    return out;
  const name = job.desired.scheduleName ?? `${ctx.namePrefix}${job.name}`;
  const o = src.origin;
  if (o.kind === 'scheduler' && o.group === ctx.scheduleGroup && o.name === name) return out;
  const next = `${ctx.scheduleGroup}/${name}`;
  if (o.kind === 'scheduler')
    out.push(
      `${describeOrigin(o)}: berth creates ${next} (Scheduler cannot move a schedule between groups). ` +
        `Once \`berth apply\` has created it, delete the old one so the job does not run twice:`,
      `    aws scheduler delete-schedule --group-name ${o.group} --name ${o.name}${r}`,
    );
  else {
    const bus = o.eventBusName === 'default' ? '' : ` --event-bus-name ${o.eventBusName}`;
    out.push(
      `${describeOrigin(o)}: berth creates the Scheduler schedule ${next}. Once \`berth apply\` has created it, ` +
        `remove the rule's target so the job does not run twice (disable-rule instead keeps it for a while):`,
      `    aws events remove-targets --rule ${o.rule}${bus} --ids ${o.targetId}${r}`,
      `    aws events delete-rule --name ${o.rule}${bus}${r}    # once it has no targets left`,
      `    aws events disable-rule --name ${o.rule}${bus}${r}   # the alternative: keep it, disabled`,
    );
  }
  if (job.role?.before !== job.role?.after && job.role)
    out.push(
      `${next} runs the task with schedulerRoleArn ${job.role.after ?? '(none)'} instead of ${job.role.before ?? '(none)'}: ` +
        `it must trust scheduler.amazonaws.com and may ecs:RunTask and iam:PassRole the task roles (\`berth verify\` checks the trust).`,
    );
  return out;
}

/** A shell word: quoted when it holds anything a shell would read differently. */
export function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

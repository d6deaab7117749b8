// `berth iam-policy`: prints the least-privilege IAM policy (JSON) for the controller, apply,
// plan or run, scoped to this repository: its family prefix, schedule group, clusters, the
// exact roles it passes and its lease table. Reads only the repository; no AWS calls.
import { InvalidArgumentError, type Command } from 'commander';
import {
  buildPolicy,
  iamScope,
  NOT_CALLED_DIRECTLY,
  policySize,
  PURPOSE_COMMANDS,
  PURPOSES,
  UNSCOPED_ACTIONS,
  type PolicyDocument,
  type Purpose,
} from '../../iam-policy/index.js';
import { evaluateRepository } from '../../pipeline/evaluate.js';
import { loadOptions, settingsOf } from '../context.js';
import { printDiagnostics } from '../diagnostics-output.js';
import { EXIT } from '../exit-codes.js';
import { accountIdOption, regionOption, tableNameOrArnOption } from '../option-parsers.js';

interface IamPolicyFlags {
  for: Purpose[];
  accountId?: string;
  lockTable?: string;
  explain?: boolean;
}

/** IAM's size limit for a customer managed policy (whitespace not counted). */
const MANAGED_POLICY_LIMIT = 6_144;

export function register(program: Command): void {
  program
    .command('iam-policy')
    .description('print the least-privilege IAM policy berth needs for this repository (no AWS calls)')
    .option(
      '--for <purpose>',
      `what the policy is for, repeatable or comma-separated: ${PURPOSES.join(' | ')} | all (default controller)`,
      purposes,
    )
    .option(
      '--region <region>',
      'region when berth.yaml has none and the cluster is given by name',
      regionOption,
    )
    .option(
      '--account-id <id>',
      'account for the ARNs when berth.yaml has no full ARN to read it from',
      accountIdOption,
    )
    .option(
      '--lock-table <name-or-arn>',
      'DynamoDB lease table when it is not in berth.yaml spec.lock',
      tableNameOrArnOption,
    )
    .option('--explain', 'on stderr: what each statement is for, and why some need "Resource": "*"')
    .addHelpText(
      'after',
      `\nPurposes:\n${PURPOSES.map((p) => `  ${p.padEnd(11)} ${PURPOSE_COMMANDS[p]}`).join('\n')}\n` +
        '\nThe JSON goes to stdout, e.g. `berth iam-policy > policy.json`, then\n' +
        '`aws iam put-role-policy --role-name berth --policy-name berth --policy-document file://policy.json`.',
    )
    .action(async (flags: IamPolicyFlags, cmd: Command) => {
      process.exitCode = await iamPolicy(flags, cmd);
    });
}

function purposes(value: string, previous: Purpose[] | undefined): Purpose[] {
  const out = new Set(previous ?? []);
  for (const p of value.split(',').map((v) => v.trim())) {
    if (p === 'all') PURPOSES.forEach((x) => out.add(x));
    else if ((PURPOSES as readonly string[]).includes(p)) out.add(p as Purpose);
    else throw new InvalidArgumentError(`"${p}" is not one of ${PURPOSES.join(', ')}, all`);
  }
  return [...out];
}

async function iamPolicy(flags: IamPolicyFlags, cmd: Command): Promise<number> {
  const settings = settingsOf(cmd);
  const evaluation = await evaluateRepository(settings.root, {
    ...(settings.region ? { region: settings.region } : {}),
    ...(flags.accountId ? { accountId: flags.accountId } : {}),
    // No AWS calls: which lookups there are is enough to grant them.
    ...loadOptions(settings, false),
  });
  printDiagnostics(
    evaluation.diagnostics.filter((d) => d.severity === 'error'),
    process.stderr,
    settings.color,
  );
  if (!evaluation.desired) {
    process.stderr.write(`berth: the repository has ${evaluation.errors} error(s); no policy printed\n`);
    return EXIT.error;
  }
  const scope = iamScope(evaluation.desired, evaluation.load, {
    ...(flags.accountId ? { accountId: flags.accountId } : {}),
    ...(flags.lockTable ? { lockTable: flags.lockTable } : {}),
  });
  const policy = buildPolicy(scope, flags.for ?? ['controller']);
  process.stdout.write(`${JSON.stringify(policy, null, 2)}\n`);

  if (!scope.namePrefix)
    process.stderr.write(
      'berth: warning: berth.yaml has no namePrefix: task-definition permissions cover every family in the account\n',
    );
  const size = policySize(policy);
  if (size > MANAGED_POLICY_LIMIT)
    process.stderr.write(
      `berth: warning: ${size} characters, over IAM's ${MANAGED_POLICY_LIMIT} for a managed policy (10,240 inline)\n`,
    );
  if (flags.explain) process.stderr.write(explain(policy));
  return EXIT.ok;
}

function explain(policy: PolicyDocument): string {
  const lines = ['', 'Statements:'];
  for (const s of policy.Statement) {
    lines.push(`  ${s.Sid}: ${s.Action.join(', ')}`);
    for (const a of s.Action) {
      if (s.Resource.includes('*') && UNSCOPED_ACTIONS[a])
        lines.push(`    ${a} on "*": ${UNSCOPED_ACTIONS[a]}`);
      if (NOT_CALLED_DIRECTLY[a]) lines.push(`    ${a}: ${NOT_CALLED_DIRECTLY[a]}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

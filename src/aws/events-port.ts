// EventsPort on the SDK: classic EventBridge rules and their targets, which `berth import`
// turns into Scheduler schedules. Read only.
import {
  DescribeRuleCommand,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  type EventBridgeClient,
  type Rule,
} from '@aws-sdk/client-eventbridge';
import type { EventRule, EventRuleTarget, EventsPort } from '../model/ports.js';
import { makeCaller } from './errors.js';
import { orWhenAbsent } from './error-name.js';

const DEFAULT_BUS = 'default';

export function createEventsPort(client: () => EventBridgeClient): EventsPort {
  const call = makeCaller('events', () => client().config.region());
  return {
    async listRules({ eventBusName, namePrefix }) {
      const bus = eventBusName ?? DEFAULT_BUS;
      const rules: EventRule[] = [];
      let token: string | undefined;
      do {
        const out = await call('ListRules', namePrefix ?? bus, () =>
          client().send(
            new ListRulesCommand({
              EventBusName: bus,
              ...(namePrefix ? { NamePrefix: namePrefix } : {}),
              ...(token ? { NextToken: token } : {}),
            }),
          ),
        );
        for (const r of out.Rules ?? []) {
          const rule = toRule(r, bus);
          if (rule) rules.push(rule);
        }
        token = out.NextToken;
      } while (token);
      return rules.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    },

    async getRule(name, eventBusName) {
      const bus = eventBusName ?? DEFAULT_BUS;
      const out = await orWhenAbsent(
        () =>
          call('DescribeRule', name, () =>
            client().send(new DescribeRuleCommand({ Name: name, EventBusName: bus })),
          ),
        undefined,
      );
      return out ? toRule(out, bus) : undefined;
    },

    async listTargets(rule, eventBusName) {
      const targets: EventRuleTarget[] = [];
      let token: string | undefined;
      do {
        const out = await call('ListTargetsByRule', rule, () =>
          client().send(
            new ListTargetsByRuleCommand({
              Rule: rule,
              EventBusName: eventBusName ?? DEFAULT_BUS,
              ...(token ? { NextToken: token } : {}),
            }),
          ),
        );
        targets.push(...(out.Targets ?? []));
        token = out.NextToken;
      } while (token);
      return targets;
    },
  };
}

function toRule(r: Rule, bus: string): EventRule | undefined {
  if (!r.Name) return undefined;
  return {
    name: r.Name,
    eventBusName: r.EventBusName ?? bus,
    ...(r.Arn ? { arn: r.Arn } : {}),
    ...(r.ScheduleExpression ? { scheduleExpression: r.ScheduleExpression } : {}),
    ...(r.EventPattern ? { eventPattern: r.EventPattern } : {}),
    ...(r.State ? { state: r.State } : {}),
    ...(r.Description ? { description: r.Description } : {}),
  };
}

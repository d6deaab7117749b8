// The run feed's SQS / EventBridge port for a job set's AWS access (region, environment role),
// made once per access, its calls counted with the main ports' (so the controller's AWS call
// metrics include them).
import { createReferencePorts } from '../aws/verify-ports.js';
import type { AwsOptions } from '../aws/index.js';
import type { DesiredState } from '../model/desired.js';
import type { AwsPorts, RunFeedPort } from '../model/ports.js';

/**
 * `optionsFor` gives the AWS options (credentials, region) berth uses for `desired` — the same
 * object for the same access (CommandAws.options), so one port is made per access.
 */
export function runFeedPorts(
  optionsFor: (desired: DesiredState) => AwsOptions,
): (desired: DesiredState, main: AwsPorts) => RunFeedPort {
  const made = new Map<AwsOptions, RunFeedPort>();
  return (desired, main) => {
    const options = optionsFor(desired);
    let port = made.get(options);
    if (!port) {
      port = createReferencePorts(options, main.calls).runFeed;
      made.set(options, port);
    }
    return port;
  };
}

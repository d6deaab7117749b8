// The run feed's SQS / EventBridge port for a region, made once per region, its calls counted
// with the main ports' (so the controller's AWS call metrics include them).
import { createReferencePorts } from '../aws/verify-ports.js';
import type { RuntimeSettings } from '../config/runtime.js';
import type { AwsPorts, RunFeedPort } from '../model/ports.js';
import { awsOptionsFor } from './context.js';

export function runFeedPorts(
  runtime: RuntimeSettings,
): (region: string | undefined, main: AwsPorts) => RunFeedPort {
  const made = new Map<string, RunFeedPort>();
  return (wanted, main) => {
    const region = runtime.region ?? wanted;
    let port = made.get(region ?? '');
    if (!port) {
      port = createReferencePorts(awsOptionsFor(runtime, region), main.calls).runFeed;
      made.set(region ?? '', port);
    }
    return port;
  };
}

#!/usr/bin/env node
// Composition root: builds the CLI once and hands control to it.
import { runCli } from './cli/program.js';

// The pinned AWS SDK supports Node 20 (package-lock.json); its notice about future
// releases needing Node 22 would only clutter berth's output. The image runs Node 24.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

await runCli(process.argv);

#!/usr/bin/env node
// Composition root: builds the CLI once and hands control to it.
import module from 'node:module';
import { runCli } from './cli/program.js';

// Node 22.1+ can keep compiled code between runs (in the OS temp dir): compiling the AWS SDK is
// a large part of a short command's start-up. Node 20 has no such cache; this is then a no-op.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

// The pinned AWS SDK supports Node 20 (package-lock.json); its notice about future
// releases needing Node 22 would only clutter berth's output. The image runs Node 24.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

await runCli(process.argv);

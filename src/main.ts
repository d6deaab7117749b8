#!/usr/bin/env node
// Composition root: builds the CLI once and hands control to it.
import module from 'node:module';
import { runCli } from './cli/program.js';

// Node 22.1+ keeps compiled code between runs (in the OS temp dir): compiling the AWS SDK is a
// large part of a short command's start-up. The AWS SDK's own notice about unsupported Node
// versions is left alone: it is the user's warning to upgrade, not clutter. (Optional call: an
// unsupported Node without the cache still runs berth.)
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

await runCli(process.argv);

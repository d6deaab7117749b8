#!/usr/bin/env node
// Composition root: builds the CLI once and hands control to it.
import { runCli } from './cli/program.js';

await runCli(process.argv);

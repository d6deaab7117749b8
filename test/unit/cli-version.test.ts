import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import { VERSION } from '../../src/cli/version.js';

describe('cli', () => {
  it('reads its version from package.json', () => {
    expect(VERSION).toMatch(/^\d+\.\d+\.\d+/);
    expect(buildProgram().version()).toBe(VERSION);
  });
});

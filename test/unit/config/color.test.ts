// When berth colours its output: the flag first, then NO_COLOR, FORCE_COLOR, TERM=dumb, the terminal.
import { describe, expect, it } from 'vitest';
import { colorEnabled } from '../../../src/config/color.js';

describe('colour', () => {
  it('follows --color always and never whatever the environment says', () => {
    expect(colorEnabled('always', { NO_COLOR: '1', TERM: 'dumb' }, false)).toBe(true);
    expect(colorEnabled('never', { FORCE_COLOR: '1' }, true)).toBe(false);
  });

  it('with auto: NO_COLOR only when it is not empty', () => {
    expect(colorEnabled('auto', { NO_COLOR: '1' }, true)).toBe(false);
    expect(colorEnabled('auto', { NO_COLOR: '' }, true)).toBe(true);
  });

  it('with auto: FORCE_COLOR turns it on for a pipe, except 0 or false', () => {
    expect(colorEnabled('auto', { FORCE_COLOR: '1' }, false)).toBe(true);
    expect(colorEnabled('auto', { FORCE_COLOR: '3' }, false)).toBe(true);
    expect(colorEnabled('auto', { FORCE_COLOR: '0' }, true)).toBe(false);
    expect(colorEnabled('auto', { FORCE_COLOR: 'false' }, true)).toBe(false);
    expect(colorEnabled('auto', { FORCE_COLOR: '' }, false)).toBe(false);
  });

  it('with auto: off on a dumb terminal, else on exactly when the stream is a terminal', () => {
    expect(colorEnabled('auto', { TERM: 'dumb' }, true)).toBe(false);
    expect(colorEnabled('auto', { TERM: 'xterm-256color' }, true)).toBe(true);
    expect(colorEnabled(undefined, {}, false)).toBe(false);
  });
});

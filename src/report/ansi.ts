// ANSI styling that turns into plain text when colour is off. node:util's styleText does the
// styling; whether to style is the caller's decision (--color, NO_COLOR, FORCE_COLOR, the
// terminal: src/config/color.ts), so styleText is told not to second-guess it.
import { styleText } from 'node:util';

export type Style = 'bold' | 'dim' | 'red' | 'green' | 'yellow' | 'magenta' | 'cyan';

export type Paint = (style: Style, text: string) => string;

export function painter(color: boolean): Paint {
  return color ? (style, text) => styleText(style, text, { validateStream: false }) : (_style, text) => text;
}

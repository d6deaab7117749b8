// Whether human output gets ANSI colour. In order: --color always|never; NO_COLOR (set and not
// empty: off, per no-color.org); FORCE_COLOR (set and not empty: on, except "0"/"false");
// TERM=dumb (off); else on when the stream is a terminal.

export const COLOR_CHOICES = ['auto', 'always', 'never'] as const;
export type ColorChoice = (typeof COLOR_CHOICES)[number];

/** For commands that need no other setting (validate): the flag, this process's environment, stdout. */
export function stdoutColor(choice: ColorChoice | boolean | undefined): boolean {
  return colorEnabled(choice, process.env, Boolean(process.stdout.isTTY));
}

export function colorEnabled(
  choice: ColorChoice | boolean | undefined,
  env: NodeJS.ProcessEnv,
  isTTY: boolean,
): boolean {
  if (choice === true || choice === 'always') return true;
  if (choice === false || choice === 'never') return false;
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  if (env.TERM === 'dumb') return false;
  return isTTY;
}

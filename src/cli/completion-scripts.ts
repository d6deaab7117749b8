// Shell completion scripts for bash, zsh and fish, written from a description of the command line
// (taken from the commander program, so a new command or option completes without an edit here).
// Pure.

export interface CompletionOption {
  /** e.g. ['-o', '--output'] */
  flags: string[];
  description: string;
  /** The option takes a value. */
  takesValue: boolean;
  /** Its values, when there is a fixed set. */
  choices?: readonly string[];
}

export interface CompletionCommand {
  name: string;
  description: string;
  options: CompletionOption[];
  subcommands: CompletionCommand[];
}

export interface CompletionModel {
  globalOptions: CompletionOption[];
  commands: CompletionCommand[];
}

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

export function completionScript(shell: Shell, model: CompletionModel): string {
  if (shell === 'bash') return bash(model);
  if (shell === 'zsh') return zsh(model);
  return fish(model);
}

const words = (opts: CompletionOption[]) => opts.flatMap((o) => o.flags).join(' ');
const valueFlags = (opts: CompletionOption[]) => opts.filter((o) => o.takesValue).flatMap((o) => o.flags);
const single = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

function bash(m: CompletionModel): string {
  const globalsWithValue = valueFlags(m.globalOptions);
  const choiceCases = (opts: CompletionOption[]) =>
    opts
      .filter((o) => o.choices)
      .map(
        (o) =>
          `      ${o.flags.join('|')}) COMPREPLY=($(compgen -W ${single(o.choices!.join(' '))} -- "$cur")); return ;;`,
      )
      .join('\n');
  const commandCase = (c: CompletionCommand, path: string) => {
    const subs = c.subcommands.map((s) => s.name).join(' ');
    const opts = [...c.options, ...m.globalOptions];
    return [
      `    ${single(path)})`,
      '      case "$prev" in',
      choiceCases(opts),
      '      esac',
      `      COMPREPLY=($(compgen -W ${single(`${subs} ${words(opts)}`.trim())} -- "$cur")) ;;`,
    ]
      .filter(Boolean)
      .join('\n');
  };
  const cases = m.commands.flatMap((c) => [
    commandCase(c, c.name),
    ...c.subcommands.map((s) => commandCase(s, `${c.name} ${s.name}`)),
  ]);
  const withSubs = m.commands.filter((c) => c.subcommands.length > 0).map((c) => c.name);
  return `# berth completion for bash. Load it with:  source <(berth completion bash)
# or save it as ~/.local/share/bash-completion/completions/berth
_berth() {
  local cur prev path="" i w
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  # The command (and subcommand) so far, skipping options and the values of those that take one.
  for ((i = 1; i < COMP_CWORD; i++)); do
    w="\${COMP_WORDS[i]}"
    case "$w" in
      ${[...globalsWithValue, ...new Set(m.commands.flatMap((c) => valueFlags([...c.options, ...c.subcommands.flatMap((s) => s.options)])))].join('|') || '--'}) ((i++)) ;;
      -*) ;;
      *)
        if [ -z "$path" ]; then path="$w"
        elif [[ " ${withSubs.join(' ')} " == *" $path "* ]] && [[ "$path" != *" "* ]]; then path="$path $w"
        fi ;;
    esac
  done
  case "$path" in
    '')
      case "$prev" in
${choiceCases(m.globalOptions)}
      esac
      COMPREPLY=($(compgen -W ${single(`${m.commands.map((c) => c.name).join(' ')} ${words(m.globalOptions)}`)} -- "$cur")) ;;
${cases.join('\n')}
    *) COMPREPLY=() ;;
  esac
}
complete -o default -F _berth berth
`;
}

function zshSpec(o: CompletionOption): string {
  const desc = o.description
    .replace(/[[\]:']/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const value = o.takesValue ? `:value:${o.choices ? `(${o.choices.join(' ')})` : '_files'}` : '';
  const spec = (flag: string) => single(`${flag}[${desc}]${value}`);
  return o.flags.length > 1
    ? `${single(`(${o.flags.join(' ')})`)}{${o.flags.join(',')}}${single(`[${desc}]${value}`)}`
    : spec(o.flags[0]!);
}

function zsh(m: CompletionModel): string {
  const describe = (cs: CompletionCommand[]) =>
    cs.map((c) => single(`${c.name}:${c.description.replace(/:/g, ' ')}`)).join(' ');
  const commandCase = (c: CompletionCommand): string => {
    if (c.subcommands.length === 0)
      return `        ${c.name}) _arguments ${c.options.map(zshSpec).join(' ')} '*:file:_files' ;;`;
    const subs = c.subcommands
      .map((s) => `            ${s.name}) _arguments ${s.options.map(zshSpec).join(' ')} '*:file:_files' ;;`)
      .join('\n');
    return `        ${c.name})
          if (( CURRENT == 2 )); then
            local -a subcommands=(${describe(c.subcommands)})
            _describe -t commands 'berth ${c.name} command' subcommands
          else
            case $words[2] in
${subs}
            esac
          fi ;;`;
  };
  return `#compdef berth
# berth completion for zsh. Load it with:  source <(berth completion zsh)
# or save it as _berth in a directory on $fpath.
_berth() {
  local curcontext="$curcontext" state line
  typeset -A opt_args
  _arguments -C ${m.globalOptions.map(zshSpec).join(' ')} '1: :->command' '*:: :->args'
  case $state in
    command)
      local -a commands=(${describe(m.commands)})
      _describe -t commands 'berth command' commands ;;
    args)
      case $line[1] in
${m.commands.map(commandCase).join('\n')}
      esac ;;
  esac
}
if [ "$funcstack[1]" = "_berth" ]; then _berth "$@"; else compdef _berth berth; fi
`;
}

function fishOption(o: CompletionOption, condition: string): string {
  const short = o.flags.find((f) => /^-[^-]$/.test(f));
  const long = o.flags.find((f) => f.startsWith('--'));
  const parts = ['complete -c berth', `-n ${single(condition)}`];
  if (short) parts.push(`-s ${short.slice(1)}`);
  if (long) parts.push(`-l ${long.slice(2)}`);
  if (o.choices) parts.push(`-x -a ${single(o.choices.join(' '))}`);
  else if (o.takesValue) parts.push('-r');
  parts.push(`-d ${single(o.description)}`);
  return parts.join(' ');
}

function fish(m: CompletionModel): string {
  const names = m.commands.map((c) => c.name).join(' ');
  const lines = [
    '# berth completion for fish. Load it with:  berth completion fish | source',
    '# or save it as ~/.config/fish/completions/berth.fish',
    'complete -c berth -f',
    ...m.globalOptions.map((o) => fishOption(o, '__fish_use_subcommand')),
  ];
  for (const c of m.commands) {
    lines.push(`complete -c berth -n '__fish_use_subcommand' -a ${c.name} -d ${single(c.description)}`);
    const inCommand = `__fish_seen_subcommand_from ${c.name}`;
    for (const s of c.subcommands)
      lines.push(
        `complete -c berth -n ${single(`${inCommand}; and not __fish_seen_subcommand_from ${c.subcommands.map((x) => x.name).join(' ')}`)} -a ${s.name} -d ${single(s.description)}`,
      );
    for (const o of c.options) lines.push(fishOption(o, inCommand));
    for (const s of c.subcommands)
      for (const o of s.options)
        lines.push(fishOption(o, `${inCommand}; and __fish_seen_subcommand_from ${s.name}`));
  }
  lines.push(`# commands: ${names}`);
  return `${lines.join('\n')}\n`;
}

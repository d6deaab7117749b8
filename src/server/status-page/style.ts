// The page's only style sheet, inline (the page loads nothing else).
export const STYLE = `
:root { font-family: system-ui, sans-serif; color: #1d2329; background: #fff; }
body { margin: 0 auto; max-width: 1200px; padding: 1rem 1.5rem; }
h1 { font-size: 1.4rem; margin: 0 0 .5rem; } h2 { font-size: 1.1rem; margin: 1.5rem 0 .4rem; }
.muted { color: #68737d; font-weight: normal; }
.ok { color: #1a7f37; } .warn { color: #9a6700; } .bad { color: #cf222e; } .run { color: #0969da; }
dl.summary { display: flex; flex-wrap: wrap; gap: .4rem 1.5rem; margin: 0 0 1rem; }
dl.summary dt { font-size: .75rem; color: #68737d; } dl.summary dd { margin: 0; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid #d8dee4; }
th { background: #f6f8fa; font-weight: 600; }
code { font-size: .85em; background: #f6f8fa; padding: 0 .2em; border-radius: 3px; }
.badge { display: inline-block; border: 1px solid currentColor; border-radius: 1em; padding: 0 .5em; font-size: .8rem; margin: 1px 0; white-space: nowrap; }
a { color: inherit; } footer { margin-top: 2rem; font-size: .8rem; }
`;

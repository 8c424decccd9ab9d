import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

const STYLE = `
:root { font-family: system-ui, sans-serif; color: #1b1f23; background: #fafafa; }
body { margin: 0; }
header { background: #1f3a5f; color: #fff; padding: .6rem 1.2rem; display: flex; gap: 1.2rem; align-items: baseline; }
header a { color: #fff; text-decoration: none; }
header .brand { font-weight: 700; font-size: 1.2rem; }
main { padding: 1rem 1.2rem; max-width: 1200px; margin: auto; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border-bottom: 1px solid #ddd; padding: .3rem .7rem; text-align: left; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(72px, 1fr)); gap: 6px; margin: .4rem 0 1rem; }
.grid figure { margin: 0; text-align: center; font-size: .7rem; color: #555; }
.grid img { width: 100%; image-rendering: pixelated; background: #000; border-radius: 3px; display: block; }
.stages { display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: .8rem; }
.stage { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: .6rem .8rem; }
.stage h3 { margin: .1rem 0 .3rem; font-size: 1rem; }
.muted { color: #666; }
.badge { display: inline-block; font-size: .75rem; padding: 0 .4rem; border-radius: 3px; background: #eee; }
.badge.hidden { background: #5f1f1f; color: #fff; }
nav.pager a { margin-right: .6rem; }
`;

/** The page frame shared by every server page. */
export function layout(title: string, body: Html): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Heldout</title>
<style>${STYLE}</style>
</head>
<body>
<header><a class="brand" href="/">Heldout</a><a href="/">Datasets</a><a href="/jobs">Jobs</a></header>
<main>${body}</main>
</body>
</html>`;
}

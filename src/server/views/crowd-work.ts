import { html, raw } from 'hono/html';

/** Configuration the client script reads: which project, and the panel study/session to record with the work. */
export interface WorkPageConfig {
  readonly project: string;
  readonly worker: string;
  readonly study: string | null;
  readonly session: string | null;
}

const STYLE = `
:root { font-family: system-ui, sans-serif; color: #1b1f23; background: #fafafa; }
body { margin: 0; }
header { background: #1f3a5f; color: #fff; padding: .5rem 1rem; display: flex; justify-content: space-between; gap: 1rem; font-size: .9rem; }
main { padding: .8rem 1rem 6rem; max-width: 1100px; margin: auto; }
h1 { font-size: 1.25rem; margin: .2rem 0 .4rem; }
.definition { margin: 0 0 .4rem; color: #333; }
details { margin: .2rem 0 .8rem; color: #444; font-size: .9rem; }
details ul { margin: .3rem 0; padding-left: 1.2rem; }
#grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(120px, 1fr)); gap: 8px; }
.tile { position: relative; }
.pick { display: block; width: 100%; padding: 0; border: 3px solid transparent; border-radius: 6px; background: #000; cursor: pointer; aspect-ratio: 1; overflow: hidden; }
.pick img { width: 100%; height: 100%; object-fit: contain; image-rendering: pixelated; display: block; }
.pick:focus-visible { outline: 3px solid #f0b429; outline-offset: 2px; }
.pick[aria-pressed="true"] { border-color: #1e8e3e; box-shadow: 0 0 0 3px #1e8e3e; }
.pick[aria-pressed="true"]::after { content: "✓"; position: absolute; top: 4px; left: 8px; color: #fff; background: #1e8e3e; border-radius: 50%; width: 1.5rem; height: 1.5rem; line-height: 1.5rem; text-align: center; font-weight: 700; }
.zoom { position: absolute; right: 4px; bottom: 4px; border: 0; border-radius: 4px; background: rgba(255,255,255,.85); font-size: 1rem; padding: .1rem .35rem; cursor: zoom-in; }
.bar { position: fixed; left: 0; right: 0; bottom: 0; background: #fff; border-top: 1px solid #ccc; padding: .6rem 1rem; display: flex; gap: 1rem; align-items: center; justify-content: center; flex-wrap: wrap; }
.bar button { font-size: 1.05rem; padding: .55rem 1.6rem; border-radius: 6px; border: 0; background: #1f3a5f; color: #fff; cursor: pointer; }
.bar button:disabled { opacity: .5; cursor: default; }
.status { min-height: 1.2rem; margin: .3rem 0; color: #444; }
.status.error { color: #a50e0e; font-weight: 600; }
#lightbox { position: fixed; inset: 0; background: rgba(0,0,0,.85); display: flex; align-items: center; justify-content: center; z-index: 10; }
#lightbox[hidden] { display: none; }
#lightbox img { max-width: 92vw; max-height: 85vh; min-width: min(60vw, 60vh); image-rendering: pixelated; background: #000; }
#lightbox-close { position: absolute; top: 1rem; right: 1rem; font-size: 1.1rem; padding: .4rem .8rem; }
.practice { background: #fff4ce; border: 1px solid #e0b400; border-radius: 6px; padding: .5rem .8rem; margin: .3rem 0 .6rem; }
.tile.wrong .pick { border-color: #c5221f; box-shadow: 0 0 0 3px #c5221f; }
.why { position: absolute; left: 4px; right: 4px; bottom: 4px; background: #c5221f; color: #fff; font-size: .75rem; text-align: center; border-radius: 4px; padding: .1rem; pointer-events: none; }
.code { font-size: 1.6rem; font-weight: 700; letter-spacing: .08em; background: #fff; border: 2px dashed #1f3a5f; padding: .4rem .8rem; display: inline-block; }
@media (max-width: 600px) {
  main { padding: .5rem .5rem 6rem; }
  h1 { font-size: 1.05rem; }
  #grid { grid-template-columns: repeat(4, 1fr); gap: 4px; }
  .zoom { font-size: .8rem; padding: 0 .25rem; }
}
`;

/** The grid page a worker labels on (phone or desktop). The client script fills it; nothing here depends on the task. */
export function crowdWorkPage(cfg: WorkPageConfig) {
  // JSON inside <script> must not be able to close the tag.
  const config = JSON.stringify(cfg).replace(/</g, '\\u003c');
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Image labeling · Heldout</title>
<style>${raw(STYLE)}</style>
</head>
<body>
<header><span>Image labeling</span><span id="progress"></span><span>${cfg.worker}</span></header>
<main>
<p id="status" class="status" role="status" aria-live="polite"></p>
<p id="practice-banner" class="practice" hidden></p>
<section id="task" hidden>
<h1 id="question"></h1>
<p id="definition" class="definition"></p>
<details open><summary>Instructions</summary><ul id="instructions"></ul>
<p>Click or tap an image to select it, click again to unselect. Keyboard: arrow keys move, Space selects, <kbd>v</kbd> shows a larger view.</p></details>
<div id="grid" role="group" aria-label="Images"></div>
</section>
<section id="done" hidden>
<h1>Done</h1>
<p id="done-text"></p>
<p id="code-box" hidden>Your completion code: <span id="code" class="code"></span></p>
<p><a id="redirect" hidden>Return to the study site</a></p>
</section>
</main>
<div class="bar"><span id="count" aria-live="polite"></span><button id="submit" type="button" disabled>Submit and continue</button></div>
<div id="lightbox" hidden role="dialog" aria-label="Larger view"><button id="lightbox-close" type="button">Close</button><img id="lightbox-img" alt=""></div>
<script type="application/json" id="crowd-config">${raw(config)}</script>
<script src="/crowd/assets/work.js" defer></script>
</body>
</html>`;
}

/** Shown when nobody is identified and the project takes no anonymous visitors. */
export function crowdSignInPage(project: string, reason: string) {
  return html`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Image labeling · Heldout</title></head><body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem">
<h1>Image labeling: ${project}</h1><p>${reason}</p></body></html>`;
}

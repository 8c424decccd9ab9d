import { html, raw } from 'hono/html';
import type { ReviewPair, ReviewQueue } from '../../collect/review-queue.js';
import { METRIC_NAMES } from '../../collect/core/index.js';
import { layout } from './layout.js';

const STYLE = html`<style>
.pair { display: flex; gap: 1.2rem; flex-wrap: wrap; align-items: flex-start; margin: .6rem 0; }
.pair figure { margin: 0; text-align: center; font-size: .8rem; color: #444; max-width: 300px; overflow-wrap: anywhere; }
.pair img { width: 300px; height: 300px; object-fit: contain; background: #222; border-radius: 4px; display: block; }
.decide { display: flex; gap: .8rem; margin: .8rem 0; }
.decide button { font-size: 1.05rem; padding: .5rem 1.2rem; border-radius: 5px; border: 1px solid #888; cursor: pointer; }
.decide .same { background: #a50e0e; color: #fff; } .decide .different { background: #1e8e3e; color: #fff; }
kbd { border: 1px solid #999; border-radius: 3px; padding: 0 .3rem; font-size: .85em; background: #fff; color: #000; }
progress { width: 320px; vertical-align: middle; }
.upcoming { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 8px; }
.upcoming div { font-size: .72rem; color: #555; } .upcoming img { width: 70px; height: 70px; object-fit: cover; }
table.dist td { padding: .1rem .6rem; }
</style>`;

/** What the viewer of the review page may do (decided by the route: src/server/routes/collect.ts). */
export interface ReviewAccess {
  readonly canDecide: boolean;
  /** The review is open to anyone (the `--demo` server). */
  readonly open: boolean;
  readonly user?: { readonly name: string; readonly role: string };
  /** The page session's CSRF token, echoed by the decision form. */
  readonly csrfToken?: string;
}

/** Where a pair's images are served: a candidate's 256×256 copy, or a reference image's blob. */
export const candidateThumbUrl = (id: string) => `/collect/candidates/${id}/thumb`;
export const referenceUrl = (p: ReviewPair) => (p.referenceKind === 'image' ? `/blobs/${p.reference}` : candidateThumbUrl(p.reference));

/**
 * `/collect/pools/:pool/review`: the first pending pair side by side with its distances and two buttons; keys s/d
 * press them (a few lines of inline script; without JavaScript the buttons post the same form). Progress on top.
 */
export function collectReviewPage(q: ReviewQueue, upcoming: readonly ReviewPair[], access: ReviewAccess) {
  const base = `/collect/pools/${encodeURIComponent(q.pool.name)}`;
  const current = upcoming[0];
  const share = q.toReview === 0 ? 100 : Math.round((100 * q.decided) / q.toReview);
  return layout(`Review ${q.pool.name}`, html`${STYLE}
<h1><a href="/collect">Candidate pools</a> / <a href="${base}">${q.pool.name}</a> / review</h1>
<p><progress max="${Math.max(q.toReview, 1)}" value="${q.decided}"></progress> <strong id="progress">${q.decided} of ${q.toReview}</strong> pairs decided (${share} %)
<span class="muted">· pairs at or below ${METRIC_NAMES.map((m) => `${m} ${q.thresholds[m]}`).join(', ')}</span></p>
${accessLine(base, access)}
${current ? pairBlock(base, current, access) : html`<p><strong>Nothing left to review.</strong> Apply the decisions with <code>heldout collect resolve --pool ${q.pool.name}</code>.</p>`}
${upcoming.length > 1 ? html`<h2>Next</h2><div class="upcoming">${upcoming.slice(1).map((p) => html`<div><img src="${candidateThumbUrl(p.candidate)}" alt=""> <img src="${referenceUrl(p)}" alt=""><br>pair ${p.id} · pHash ${p.distances.phash ?? '–'}</div>`)}</div>` : ''}
<script>${raw(KEYS)}</script>`);
}

/** Who is deciding, or why the buttons are missing. */
function accessLine(base: string, a: ReviewAccess) {
  const signIn = html`<a href="/login?next=${encodeURIComponent(`${base}/review`)}">sign in</a>`;
  if (a.canDecide) {
    return html`<p class="muted">${a.user ? html`Deciding as ${a.user.name} (${a.user.role}).` : ''}${a.open && !a.user ? html`Open review (demo server): decisions are recorded without an account.` : ''}</p>`;
  }
  if (a.user) return html`<p class="muted">Signed in as ${a.user.name} (${a.user.role}): only hosts and admins decide near-duplicate pairs.</p>`;
  return html`<p class="muted">Deciding pairs needs a host account: ${signIn} to decide.</p>`;
}

function pairBlock(base: string, p: ReviewPair, access: ReviewAccess) {
  const ref = p.referenceItem;
  return html`<div class="pair" data-pair="${p.id}">
<figure><img src="${candidateThumbUrl(p.candidate)}" alt="candidate"><figcaption>candidate <code>${p.candidate.slice(0, 12)}…</code>${p.candidateWnid ? html`<br>${p.candidateWnid}` : ''}</figcaption></figure>
<figure><img src="${referenceUrl(p)}" alt="reference"><figcaption>${p.referenceKind === 'image'
    ? html`reference image${ref ? html`<br>${ref.dataset}/${ref.split}/${ref.name}` : ''}`
    : html`candidate <code>${p.reference.slice(0, 12)}…</code>`}</figcaption></figure>
<table class="dist"><tbody>${METRIC_NAMES.filter((m) => p.distances[m] !== undefined).map((m) => html`<tr><td>${m}</td><td>${m === 'l2' ? p.distances[m]!.toExponential(2) : m === 'embedding' ? p.distances[m]!.toFixed(4) : p.distances[m]}</td></tr>`)}</tbody></table>
</div>
${access.canDecide ? html`<form method="post" action="${base}/pairs/${p.id}/decision" class="decide">
${access.csrfToken ? html`<input type="hidden" name="_csrf" value="${access.csrfToken}">` : ''}
<button type="submit" name="decision" value="same" class="same" id="same">Same image <kbd>s</kbd></button>
<button type="submit" name="decision" value="different" class="different" id="different">Different <kbd>d</kbd></button>
</form>` : ''}`;
}

/** s → "same", d → "different": clicks the button, so keyboard and mouse post the same form. */
const KEYS = `document.addEventListener('keydown', function (e) {
  if (e.ctrlKey || e.metaKey || e.altKey || /INPUT|TEXTAREA|SELECT/.test(e.target.tagName)) return;
  var id = e.key === 's' ? 'same' : e.key === 'd' ? 'different' : null;
  var b = id && document.getElementById(id);
  if (b) { e.preventDefault(); b.click(); }
});`;

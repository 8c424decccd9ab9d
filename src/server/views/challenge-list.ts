import { html } from 'hono/html';
import type { LoadedChallenge } from '../../challenges/load-challenge.js';
import { phaseIsOpen } from '../../challenges/load-challenge.js';
import { challengeLayout, type PageUser } from './challenge-layout.js';

/** Every challenge with its metric and its current phase. */
export function challengeListPage(who: PageUser, challenges: readonly LoadedChallenge[], now: Date) {
  return challengeLayout('Challenges', who, html`<h1>Challenges</h1>
<p>Leaderboards over hidden test labels. Every score has an interval; ranks that a paired test cannot tell apart
from the leader are marked as tied; Ladder phases release only significant improvements.</p>
${challenges.length === 0
    ? html`<p class="muted">No challenges yet. A host creates one with <code>heldout challenge create --config FILE</code>.</p>`
    : html`<table><thead><tr><th>challenge</th><th>metric</th><th>phases</th><th>images</th></tr></thead><tbody>
${challenges.map((c) => html`<tr><td><a href="/challenges/${c.row.name}">${c.row.title}</a> · <a href="/challenges/${c.row.name}/leaderboard">leaderboard</a><br><code class="muted">${c.row.name}</code></td>
<td>${c.metric.label}</td>
<td>${c.phases.map((p) => html`${p.name} <span class="badge">${phaseIsOpen(p, now) ? 'open' : p.closed_at ? 'closed' : Date.parse(p.starts_at) > now.getTime() ? 'upcoming' : 'ended'}</span> `)}</td>
<td class="num">${c.phases[0]?.assignment.length.toLocaleString('en-US')}</td></tr>`)}
</tbody></table>`}`);
}

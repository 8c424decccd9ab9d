import { html } from 'hono/html';
import type { LoadedChallenge } from '../../challenges/load-challenge.js';
import type { LeaderboardView } from '../../challenges/leaderboard.js';
import { challengeLayout, pct, type PageUser } from './challenge-layout.js';
import { ciBar, ciDomain, stepChart } from './challenge-svg.js';

/** A leaderboard with CI bars on a shared axis, the tie group shaded, baselines marked, and the leader over time. */
export function leaderboardPage(c: LoadedChallenge, board: LeaderboardView, who: PageUser, privateVisible: boolean) {
  const base = `/challenges/${c.row.name}/leaderboard`;
  const domain = ciDomain(board.rows.map((r) => r.ci));
  const q = (phase: string, split: string) => `${base}?phase=${encodeURIComponent(phase)}&split=${split}`;
  return challengeLayout(`${c.row.title} leaderboard`, who, html`<h1><a href="/challenges/${c.row.name}">${c.row.title}</a>: leaderboard</h1>
<p>Phase: ${c.phases.map((p) => html`<a href="${q(p.name, board.split)}">${p.name === board.phase ? html`<strong>${p.name}</strong>` : p.name}</a> `)}
· Board: <a href="${q(board.phase, 'public')}">${board.split === 'public' ? html`<strong>public</strong>` : 'public'}</a>
${privateVisible ? html`· <a href="${q(board.phase, 'private')}">${board.split === 'private' ? html`<strong>private</strong>` : 'private'}</a>` : html`· <span class="muted">private (hidden until the phase closes)</span>`}
· <a href="/api/challenges/${c.row.name}/leaderboard?phase=${encodeURIComponent(board.phase)}&split=${board.split}&format=csv">CSV</a></p>
<p class="muted">${board.metric} (${board.direction === 'higher-is-better' ? 'higher is better' : 'lower is better'}) on n = ${board.n.toLocaleString('en-US')} images;
${Math.round(board.interval.confidence * 100)}% ${board.interval.method} intervals.
${board.released ? html`<strong>Ladder mode (${board.mode}):</strong> each team's row is its last released value, not a raw score; no tie tests are shown.`
    : board.ties ? html`Shaded rows are statistically tied with the leader (McNemar tests against the leader, Holm-corrected, α = ${board.tieAlpha}).` : ''}</p>
${board.rows.length === 0 ? html`<p class="muted">No scored submissions yet.</p>` : html`
<table id="leaderboard"><thead><tr><th>rank</th><th>team</th><th>${board.metric}</th><th>interval</th><th class="num">n</th><th>tied with leader</th><th>submitted</th></tr></thead><tbody>
${board.rows.map((r) => html`<tr class="${[r.tiedWithLeader ? 'tie' : '', r.entry.baseline ? 'baseline' : ''].join(' ').trim()}">
<td class="num">${r.rank}</td><td>${r.entry.label}</td><td class="num">${pct(r.value, r.ci)}</td><td>${ciBar(r.value, r.ci, domain)}</td>
<td class="num">${r.entry.n.toLocaleString('en-US')}</td>
<td>${r.tiedWithLeader === undefined ? '—' : r.tiedWithLeader ? (r.rank === 1 ? 'leader' : html`yes (p = ${r.adjustedP?.toPrecision(2)})`) : html`no (p = ${r.adjustedP?.toPrecision(2)})`}</td>
<td>${r.entry.createdAt.slice(0, 16).replace('T', ' ')}</td></tr>`)}
</tbody></table>`}
${board.leaderOverTime.length > 0 ? html`<h2>Leader over time</h2>${stepChart(board.leaderOverTime)}` : ''}`);
}

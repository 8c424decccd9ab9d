import { html } from 'hono/html';
import type { LoadedChallenge } from '../../challenges/load-challenge.js';
import type { TeamMember } from '../../store/areas/challenge-store.js';
import type { TeamRow } from '../../store/areas/challenge-tables.js';
import { challengeLayout, type PageUser } from './challenge-layout.js';

/** The visitor's team (members, invite code) or the forms to create or join one. */
export function teamPage(c: LoadedChallenge, who: PageUser, team: TeamRow | undefined, members: readonly TeamMember[], message?: { kind: 'error' | 'ok'; text: string }) {
  const base = `/challenges/${c.row.name}`;
  const csrf = html`<input type="hidden" name="_csrf" value="${who.csrfToken ?? ''}">`;
  return challengeLayout(`${c.row.title} team`, who, html`<h1><a href="${base}">${c.row.title}</a>: team</h1>
${message ? html`<p class="${message.kind}" role="${message.kind === 'error' ? 'alert' : 'status'}">${message.text}</p>` : ''}
${!who.user ? html`<p><a href="/login?next=${encodeURIComponent(`${base}/team`)}">Sign in</a> to create or join a team.</p>`
    : team ? html`<h2 id="team-name">${team.name}</h2>
<p>Invite code (share it with teammates; teams have at most ${c.config.teamSizeLimit} members): <code class="secret" id="invite-code">${team.invite_code}</code></p>
<table><thead><tr><th>member</th><th>joined</th></tr></thead><tbody>${members.map((m) => html`<tr><td>${m.name}</td><td>${m.joinedAt.slice(0, 10)}</td></tr>`)}</tbody></table>
<p><a href="${base}">Submit predictions</a> · <a href="${base}/submissions">Team submissions</a></p>`
      : html`<p>You are not in a team of this challenge yet (one team per person).</p>
<h2>Create a team</h2>
<form class="stack" method="post" action="${base}/team">${csrf}<label>Team name <input name="name" required maxlength="40"></label><button type="submit">Create team</button></form>
<h2>Join a team</h2>
<form class="stack" method="post" action="${base}/team/join">${csrf}<label>Invite code <input name="code" required></label><button type="submit">Join team</button></form>`}`);
}

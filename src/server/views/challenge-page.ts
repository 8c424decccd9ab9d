import { html, raw } from 'hono/html';
import type { LoadedChallenge } from '../../challenges/load-challenge.js';
import { phaseIsOpen } from '../../challenges/load-challenge.js';
import { modeOfPhase, modeText } from '../../challenges/core/leaderboard-mode.js';
import { splitSizes } from '../../challenges/core/split-assignment.js';
import type { TeamRow } from '../../store/areas/challenge-tables.js';
import { challengeLayout, type PageUser } from './challenge-layout.js';

/** What the page knows about the visitor's relation to this challenge. */
export interface ChallengeVisit extends PageUser {
  readonly team?: TeamRow;
  readonly isHost: boolean;
}

const MODE_TEXT: Readonly<Record<string, string>> = {
  standard: 'standard: every score is shown with its interval',
  ladder: 'Ladder: a team\'s public score moves only when it beats its last release by more than η, and is rounded to η',
  'ladder-free': 'parameter-free Ladder: a team\'s public score moves only on a paired improvement of more than one standard error',
};

/** Rules, dates, phases and (for team members during an open phase) the submit form with upload progress. */
export function challengePage(c: LoadedChallenge, visit: ChallengeVisit, now: Date) {
  const base = `/challenges/${c.row.name}`;
  const open = c.phases.filter((p) => phaseIsOpen(p, now)).map((p) => p.name);
  return challengeLayout(c.row.title, visit, html`<h1>${c.row.title}</h1>
<p class="muted">${c.config.description}</p>
<p><a href="${base}/leaderboard">Leaderboard</a> · <a href="${base}/team">Team</a> · <a href="${base}/submissions">My submissions</a>${visit.isHost ? html` · <a href="${base}/admin">Host admin</a>` : ''}</p>
<h2>Rules</h2>
<ul>
<li>Metric: <strong>${c.metric.label}</strong> (${c.metric.direction}), ${Math.round(c.config.interval.confidence * 100)}% ${c.config.interval.method} intervals; ties: McNemar tests against the leader, Holm-corrected at α = ${c.config.tieAlpha}.</li>
<li>Test set: ${c.config.dataset}/${c.config.split}, ${c.phases[0]?.assignment.length.toLocaleString('en-US')} images, labels hidden.</li>
<li>Submissions: ${c.config.formats.join(', ')} files (optionally gzip), up to ${(c.config.maxUploadBytes / 1e6).toLocaleString('en-US')} MB, classes as ${c.config.labelSpace} labels. Failed and duplicate uploads are not charged.</li>
<li>Teams of up to ${c.config.teamSizeLimit}; one team per person. Up to ${c.config.finalSelections} final selection(s) count for the private board (default: your best public ones).</li>
</ul>
${c.config.rules ? html`<pre style="white-space: pre-wrap">${c.config.rules}</pre>` : ''}
<h2>Phases</h2>
<table><thead><tr><th>phase</th><th>open (UTC)</th><th>leaderboard</th><th>quota per team</th><th>public / private images</th><th>status</th></tr></thead><tbody>
${c.phases.map((p) => {
    const sizes = splitSizes(p.assignment);
    const mode = modeOfPhase(p);
    return html`<tr><td>${p.name}</td><td>${p.starts_at.slice(0, 16).replace('T', ' ')} – ${p.ends_at.slice(0, 16).replace('T', ' ')}</td>
<td title="${MODE_TEXT[mode.kind]}">${modeText(mode)}</td>
<td>${[p.quota_per_day ? `${p.quota_per_day}/day` : '', p.quota_total ? `${p.quota_total} total` : '', p.quota_concurrent ? `${p.quota_concurrent} at once` : ''].filter(Boolean).join(', ') || 'unlimited'}</td>
<td class="num">${sizes.public.toLocaleString('en-US')} / ${sizes.private.toLocaleString('en-US')}</td>
<td>${phaseIsOpen(p, now) ? 'open' : p.closed_at ? `closed ${p.closed_at.slice(0, 10)}` : Date.parse(p.starts_at) > now.getTime() ? 'upcoming' : 'ended'}</td></tr>`;
  })}
</tbody></table>
<h2>Submit</h2>
${!visit.user
    ? html`<p><a href="/login?next=${encodeURIComponent(base)}">Sign in</a> and join a team to submit.</p>`
    : !visit.team
      ? html`<p>${visit.isHost ? 'Hosts do not submit to their own challenge.' : html`<a href="${base}/team">Create or join a team</a> to submit.`}</p>`
      : open.length === 0
        ? html`<p class="muted">No phase is open for submissions now.</p>`
        : submitForm(c, open, visit.csrfToken ?? '')}`);
}

function submitForm(c: LoadedChallenge, phases: readonly string[], csrfToken: string) {
  const action = `/api/challenges/${c.row.name}/submissions`;
  // Without JavaScript the form posts directly (the CSRF token rides in the query: multipart bodies are streamed);
  // with it, XHR shows upload progress and the server's error message in place.
  return html`<form id="submit-form" class="stack" method="post" enctype="multipart/form-data" action="${action}?_csrf=${csrfToken}">
${phases.length === 1 ? html`<input type="hidden" name="phase" value="${phases[0]}">`
    : html`<label>Phase <select name="phase">${phases.map((p) => html`<option value="${p}">${p}</option>`)}</select></label>`}
<label>Predictions file <input type="file" name="file" required></label>
<label>Message (optional) <input name="message" maxlength="500"></label>
<button type="submit">Upload</button>
<progress id="upload-progress" max="100" value="0" hidden></progress>
<p id="upload-status" role="status"></p>
</form>
<script>
(() => {
  const form = document.getElementById('submit-form');
  const bar = document.getElementById('upload-progress');
  const status = document.getElementById('upload-status');
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const xhr = new XMLHttpRequest();
    xhr.open('POST', ${js(action)});
    xhr.setRequestHeader('x-csrf-token', ${js(csrfToken)});
    xhr.setRequestHeader('accept', 'application/json');
    bar.hidden = false; bar.value = 0; status.className = ''; status.textContent = 'Uploading…';
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) bar.value = Math.round(100 * e.loaded / e.total); };
    xhr.onload = () => {
      let body = {};
      try { body = JSON.parse(xhr.responseText); } catch (e) {}
      if (xhr.status === 202) {
        bar.value = 100;
        status.className = 'ok';
        status.textContent = (body.duplicate ? 'Duplicate of submission ' + body.duplicateOf + ' (not charged). ' : 'Submission ' + body.id + ' accepted; scoring… ');
        setTimeout(() => { location.href = ${js(`/challenges/${c.row.name}/submissions`)}; }, 800);
      } else {
        status.className = 'error';
        status.textContent = body.error || ('Upload failed (HTTP ' + xhr.status + ')');
      }
    };
    xhr.onerror = () => { status.className = 'error'; status.textContent = 'Upload failed: the connection was lost.'; };
    xhr.send(new FormData(form));
  });
})();
</script>`;
}

/** A string literal for an inline script: JSON with `<` escaped, so no value can close the script element. */
function js(value: string) {
  return raw(JSON.stringify(value).replace(/</g, '\\u003c'));
}

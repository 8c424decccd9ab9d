import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { UserRow } from '../../store/areas/challenge-tables.js';
import { layout } from './layout.js';

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

const STYLE = `
.userbar { display: flex; gap: 1rem; justify-content: flex-end; align-items: center; font-size: .9rem; margin-bottom: .6rem; }
.userbar form { display: inline; }
.tie { background: #e8f3e8; }
.baseline td:nth-child(2)::after { content: "baseline"; display: inline-block; font-size: .7rem; background: #eee; border-radius: 3px; padding: 0 .3rem; margin-left: .3rem; }
.error { color: #8b1a1a; background: #fbeaea; border: 1px solid #e6b8b8; padding: .4rem .6rem; border-radius: 4px; }
.ok { color: #1d5e2b; background: #e9f6ec; border: 1px solid #b9dfc2; padding: .4rem .6rem; border-radius: 4px; }
form.stack { display: grid; gap: .5rem; max-width: 420px; }
form.stack label { display: grid; gap: .2rem; }
progress { width: 100%; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
code.secret { background: #fff7d6; padding: .2rem .4rem; word-break: break-all; }
`;

/** What every challenge page knows about the visitor: who they are and the session's CSRF token for forms. */
export interface PageUser {
  readonly user?: UserRow;
  readonly csrfToken?: string;
}

/** The shared frame plus a bar with the challenges link and the sign-in state. */
export function challengeLayout(title: string, who: PageUser, body: Html): Html {
  return layout(title, html`<style>${raw(STYLE)}</style>
<div class="userbar"><a href="/challenges">Challenges</a>
${who.user
    ? html`<span>Signed in as <strong>${who.user.name}</strong> (${who.user.role})</span> <a href="/account">Account</a>
<form method="post" action="/logout"><input type="hidden" name="_csrf" value="${who.csrfToken ?? ''}"><button type="submit">Sign out</button></form>`
    : html`<a href="/login">Sign in</a> <a href="/register">Register</a>`}
</div>
${body}`);
}

/** A page that only says what went wrong (HTML errors of page routes). */
export function errorPage(who: PageUser, status: number, message: string): Html {
  return challengeLayout(`Error ${status}`, who, html`<h1>${status === 404 ? 'Not found' : status === 403 ? 'Not allowed' : 'Something went wrong'}</h1>
<p class="error">${message}</p><p><a href="/challenges">Back to the challenges</a></p>`);
}

/** `76.13% [75.75, 76.50]` in the metric's terms. */
export function pct(value: number, ci?: readonly [number, number]): string {
  const p = (x: number) => (x * 100).toFixed(2);
  return ci ? `${p(value)}% [${p(ci[0])}, ${p(ci[1])}]` : `${p(value)}%`;
}

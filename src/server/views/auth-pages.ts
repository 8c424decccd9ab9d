import { html } from 'hono/html';
import { challengeLayout, type PageUser } from './challenge-layout.js';

/** Sign-in with a name and password, or with an API token (accounts made by `heldout user add`). */
export function loginPage(who: PageUser, next: string, error?: string) {
  return challengeLayout('Sign in', who, html`<h1>Sign in</h1>
${error ? html`<p class="error" role="alert">${error}</p>` : ''}
<form class="stack" method="post" action="/login">
<input type="hidden" name="next" value="${next}">
<label>User name <input name="name" autocomplete="username"></label>
<label>Password <input name="password" type="password" autocomplete="current-password"></label>
<p class="muted">Or sign in with an API token (e.g. one printed by <code>heldout user add</code>):</p>
<label>API token <input name="token" type="password" autocomplete="off"></label>
<button type="submit">Sign in</button>
</form>
<p>No account? <a href="/register">Register</a>.</p>`);
}

export function registerPage(who: PageUser, error?: string) {
  return challengeLayout('Register', who, html`<h1>Register</h1>
${error ? html`<p class="error" role="alert">${error}</p>` : ''}
<form class="stack" method="post" action="/register">
<label>User name (2–32 of a–z, 0–9, _ . -) <input name="name" autocomplete="username" required></label>
<label>Password (at least 8 characters) <input name="password" type="password" autocomplete="new-password" required></label>
<button type="submit">Create account</button>
</form>`);
}

/** The account page; a newly created token is shown here once. */
export function accountPage(who: PageUser, newToken?: string) {
  return challengeLayout('Account', who, html`<h1>${who.user?.name}</h1>
<p>Role: ${who.user?.role}. Member since ${who.user?.created_at.slice(0, 10)}.</p>
<h2>API tokens</h2>
<p>The command line client (<code>heldout login --server URL --token T</code>) signs in with a token. A token is shown
once, when it is made; the server keeps only its hash.</p>
${newToken ? html`<p class="ok">New token (copy it now, it will not be shown again):</p><p><code class="secret" id="new-token">${newToken}</code></p>` : ''}
<form method="post" action="/account/tokens"><input type="hidden" name="_csrf" value="${who.csrfToken ?? ''}">
<label>Label <input name="label" value="cli"></label> <button type="submit">Create a token</button></form>`);
}

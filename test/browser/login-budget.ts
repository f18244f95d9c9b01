/**
 * The budget for what a browser fetches to show /login: its JavaScript and CSS, compressed. Checked
 * over HTTP (src/server/http/web-app.test.ts) and in Chromium (login.test.ts).
 */
export const LOGIN_BUDGET_BYTES = 150_000;

// The publish-only token from /api/tokens: reused while fresh, fetched again shortly before it expires, and replaced
// when Momento refuses it.

import { call, explain } from "./http.js";
import { currentUser, isLocalMode } from "./identity.js";
import { complain, FieldError, ShownError, userError, userInput } from "./page.js";

const REFRESH_BEFORE_EXPIRY_MS = 60_000;
const MIN_REFRESH_DELAY_MS = 5_000;

let token = null;
let refreshTimer = 0;

/** The current user's token: the held one while fresh, else (or when forced) a new one. */
export async function getToken({ force = false, refused = null } = {}) {
  const user = currentUser();
  const fresh = token && token.user === user && token.expiresLocally - Date.now() > REFRESH_BEFORE_EXPIRY_MS;
  if (fresh && !force) return token;

  // Naming a refused token (by its SHA-256, never the token itself) makes the server mint a new one even if it still
  // considers that one fresh. crypto.subtle exists only in secure contexts (https, localhost).
  const url = refused && crypto.subtle ? `/api/tokens?replace=${await fingerprint(refused.token)}` : "/api/tokens";
  const response = await call(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(isLocalMode() ? { user } : {}),
    credentials: "same-origin",
  }, "Could not reach the server to get a token. Is it running?");
  if (response.status === 401 && !isLocalMode()) {
    throw new ShownError("Please sign in to comment (use the Sign in link).");
  }
  if (response.status === 400 && isLocalMode() && !refused) {
    throw new FieldError(userInput, userError,
      "The server did not accept this display name: use 1-64 letters, digits, '.', '_', '@' or '-'.");
  }
  if (!response.ok) throw new ShownError(await explain(response, "Could not get a token"));

  const minted = await response.json();
  // expiresAt is on the server's clock; measure it against the server's Date header so a skewed local clock
  // neither refreshes early in a loop nor holds on to an expired token.
  const serverNow = Date.parse(response.headers.get("Date") ?? "");
  const lifetime = Date.parse(minted.expiresAt) - (Number.isNaN(serverNow) ? Date.now() : serverNow);
  token = { ...minted, user, expiresLocally: Date.now() + lifetime };
  scheduleRefresh();
  return token;
}

/** The token last fetched, or null. */
export function heldToken() {
  return token;
}

/** The server's name for a token: unpadded base64url of its UTF-8 SHA-256. */
async function fingerprint(value) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(value)));
  return btoa(String.fromCharCode(...digest)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Tokens are short-lived: fetch the next one shortly before this one expires. */
function scheduleRefresh() {
  clearTimeout(refreshTimer);
  const wait = Math.max(MIN_REFRESH_DELAY_MS, token.expiresLocally - Date.now() - REFRESH_BEFORE_EXPIRY_MS);
  refreshTimer = setTimeout(() => getToken({ force: true }).catch(complain), wait);
}

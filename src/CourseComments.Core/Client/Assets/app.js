// The browser side of the pattern: get a publish-only token from /api/tokens, publish the comment straight to the
// token's publishUrl (Momento's Topics HTTP API, or the local Momento emulator's), then read the course's comments back once
// the webhook has stored it. Comment text is only ever set as textContent, never parsed as HTML.

const REFRESH_BEFORE_EXPIRY_MS = 60_000;
const MIN_REFRESH_DELAY_MS = 5_000;
const POLL_INTERVAL_MS = 5_000;
const APPEAR_CHECKS = 20;
const APPEAR_CHECK_MS = 500;

const $ = (id) => document.getElementById(id);
const form = $("comment-form");
const userInput = $("user");
const courseSelect = $("course");
const commentInput = $("comment");
const postButton = $("post");
const statusLine = $("status");
const errorLine = $("error");
const list = $("comments");
const empty = $("empty");

let localMode = true;
let token = null;
let refreshTimer = 0;

/** A failure worded for the person at the keyboard. */
class ShownError extends Error {}

function say(message) {
  statusLine.textContent = message;
  errorLine.textContent = "";
}

function complain(error) {
  statusLine.textContent = "";
  errorLine.textContent = error instanceof ShownError ? error.message : "Something went wrong. Please try again.";
}

/** The problem+json title the API wrote for callers, or a fallback. */
async function explain(response, fallback) {
  try {
    const problem = await response.json();
    if (typeof problem.title === "string" && problem.title) return `${fallback}: ${problem.title}`;
  } catch { /* not JSON: use the fallback */ }
  return `${fallback} (HTTP ${response.status}).`;
}

async function call(url, init, unreachable) {
  try {
    return await fetch(url, init);
  } catch {
    throw new ShownError(unreachable);
  }
}

function currentUser() {
  return localMode ? userInput.value.trim() : "";
}

async function getToken({ force = false, refused = null } = {}) {
  const user = currentUser();
  const fresh = token && token.user === user && token.expiresLocally - Date.now() > REFRESH_BEFORE_EXPIRY_MS;
  if (fresh && !force) return token;

  // Naming a refused token makes the server mint a new one even if it still considers that one fresh.
  const url = refused ? `/api/tokens?replace=${encodeURIComponent(refused.expiresAt)}` : "/api/tokens";
  const response = await call(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(localMode ? { user } : {}),
    credentials: "same-origin",
  }, "Could not reach the server to get a token. Is it running?");
  if (response.status === 401 && !localMode) {
    throw new ShownError("Please sign in to comment (use the Sign in link).");
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

/** Tokens are short-lived: fetch the next one shortly before this one expires. */
function scheduleRefresh() {
  clearTimeout(refreshTimer);
  const wait = Math.max(MIN_REFRESH_DELAY_MS, token.expiresLocally - Date.now() - REFRESH_BEFORE_EXPIRY_MS);
  refreshTimer = setTimeout(() => getToken({ force: true }).catch(complain), wait);
}

function publishWith(current, message) {
  return call(current.publishUrl, {
    method: "POST",
    headers: { Authorization: current.token, "Content-Type": "text/plain" },
    body: message,
  }, "Could not reach Momento to publish the comment. Check your connection and try again.");
}

async function publish(message) {
  const first = await getToken();
  let response = await publishWith(first, message);
  if (response.status === 401) {
    // Expired or revoked since we fetched it: one fresh token, one retry.
    response = await publishWith(await getToken({ force: true, refused: first }), message);
  }
  if (response.status === 413) throw new ShownError("That comment is too long to publish.");
  if (response.status === 429) throw new ShownError("Too many comments right now. Please wait a moment and try again.");
  if (!response.ok) throw new ShownError(await explain(response, "Momento refused the comment"));
}

/**
 * The author's display name, as text only, isolated for bidirectional text (<bdi>) so a right-to-left name cannot
 * reorder what follows it; the token id, which tells apart two people of the same name, is its tooltip and accessible
 * description.
 */
function authorOf(c, index) {
  const author = document.createElement("bdi");
  author.className = "author";
  author.textContent = c.displayName;
  author.title = c.userID;
  const id = document.createElement("span");
  id.id = `author-id-${index}`;
  id.hidden = true;
  id.textContent = `User id ${c.userID}`;
  author.setAttribute("aria-describedby", id.id);
  return [author, id];
}

function render(comments) {
  list.replaceChildren(...comments.map((c, index) => {
    const item = document.createElement("li");
    item.append(...authorOf(c, index));
    if (c.eventTime) {
      const time = document.createElement("time");
      time.dateTime = c.eventTime;
      time.textContent = new Date(c.eventTime).toLocaleString();
      item.append(time);
    }
    const text = document.createElement("p");
    text.className = "text";
    text.dir = "auto";
    text.textContent = c.comment;
    item.append(text);
    return item;
  }));
  empty.hidden = comments.length > 0;
}

async function loadComments() {
  const course = courseSelect.value;
  const response = await call(`/api/courses/${encodeURIComponent(course)}/comments?limit=50`, {},
    "Could not reach the server to load comments.");
  if (!response.ok) throw new ShownError(await explain(response, "Could not load comments"));
  const view = await response.json();
  if (course === courseSelect.value) render(view.comments);
  return view.comments;
}

/** Delivery is asynchronous (publish, then webhook): look until the comment shows up. */
async function waitUntilShown(tokenId, comment) {
  for (let i = 0; i < APPEAR_CHECKS; i++) {
    const comments = await loadComments();
    if (comments.some((c) => c.userID === tokenId && c.comment === comment)) return true;
    await new Promise((resolve) => setTimeout(resolve, APPEAR_CHECK_MS));
  }
  return false;
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const comment = commentInput.value.trim();
  if (localMode && !currentUser()) return complain(new ShownError("Pick a display name first."));
  if (!comment) return complain(new ShownError("Write a comment first."));

  postButton.disabled = true;
  say("Publishing…");
  try {
    await publish(JSON.stringify({ courseId: courseSelect.value, comment }));
    commentInput.value = "";
    say("Published. Waiting for the webhook to store it…");
    say(await waitUntilShown(token.tokenId, comment)
      ? "Your comment is posted."
      : "Published, but it has not appeared yet. It will show up when it is stored.");
  } catch (error) {
    complain(error);
  } finally {
    postButton.disabled = false;
  }
});

courseSelect.addEventListener("change", () => loadComments().catch(complain));

async function start() {
  try {
    const health = await (await fetch("/api/health")).json();
    localMode = health.mode === "Local";
  } catch { /* assume local; the token request will explain any problem */ }
  $("local-identity").hidden = !localMode;
  $("azure-identity").hidden = localMode;
  userInput.required = localMode;

  await loadComments().catch(complain);
  setInterval(() => loadComments().catch(complain), POLL_INTERVAL_MS);
}

start();

// The browser side of the pattern: get a publish-only token from /api/tokens, publish the comment straight to the
// token's publishUrl (Momento's Topics HTTP API, or the local Momento emulator's), then read the course's comments
// back once the webhook has stored it. Comment text is only ever set as textContent, never parsed as HTML.

const REFRESH_BEFORE_EXPIRY_MS = 60_000;
const MIN_REFRESH_DELAY_MS = 5_000;
const POLL_INTERVAL_MS = 5_000;
const APPEAR_CHECKS = 20;
const APPEAR_CHECK_MS = 500;
// The webhook's rules (docs/webhook.md, docs/tokens.md), checked here so nothing is published that it would refuse.
const MAX_COMMENT_LENGTH = 1000;
const MAX_MESSAGE_BYTES = 4096;
const LOCAL_NAME = /^[A-Za-z0-9_.@-]{1,64}$/;
const INVISIBLE_ONLY = /^[\s\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]*$/u;
const LONE_SURROGATE = /\p{Cs}/u;

const $ = (id) => document.getElementById(id);
const form = $("comment-form");
const userInput = $("user");
const userError = $("user-error");
const courseSelect = $("course");
const courseName = $("course-name");
const commentInput = $("comment");
const commentError = $("comment-error");
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

/** A problem with one field's value: shown next to that field, which is marked invalid. */
class FieldError extends ShownError {
  constructor(input, shownIn, message) {
    super(message);
    this.input = input;
    this.shownIn = shownIn;
  }
}

function say(message) {
  statusLine.textContent = message;
  errorLine.textContent = "";
}

function clearFieldErrors() {
  for (const [input, shownIn] of [[userInput, userError], [commentInput, commentError]]) {
    input.removeAttribute("aria-invalid");
    shownIn.textContent = "";
  }
}

function complain(error) {
  statusLine.textContent = "";
  if (error instanceof FieldError) {
    errorLine.textContent = "";
    error.shownIn.textContent = error.message;
    error.input.setAttribute("aria-invalid", "true");
    error.input.focus();
    return;
  }
  errorLine.textContent = error instanceof ShownError ? error.message : "Something went wrong. Please try again.";
}

function nameProblem(name) {
  if (!name) return "Pick a display name first.";
  if (!LOCAL_NAME.test(name)) return "Use 1-64 letters, digits, '.', '_', '@' or '-' (no spaces).";
  return null;
}

function commentProblem(comment, message) {
  if (LONE_SURROGATE.test(comment)) {
    return "Your comment has a broken character (half of an emoji?). Remove it and try again.";
  }
  if (INVISIBLE_ONLY.test(comment)) return "Write a comment first: there is nothing visible in it yet.";
  if (comment.length > MAX_COMMENT_LENGTH) {
    return `A comment is at most ${MAX_COMMENT_LENGTH} characters; this one has ${comment.length}.`;
  }
  // Momento's 4 KB limit applies to the published JSON, where a control character takes six bytes.
  if (new TextEncoder().encode(message).length > MAX_MESSAGE_BYTES) {
    return "That comment is too long to publish. Please shorten it.";
  }
  return null;
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

  // Naming a refused token (by its SHA-256, never the token itself) makes the server mint a new one even if it still
  // considers that one fresh. crypto.subtle exists only in secure contexts (https, localhost).
  const url = refused && crypto.subtle ? `/api/tokens?replace=${await fingerprint(refused.token)}` : "/api/tokens";
  const response = await call(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(localMode ? { user } : {}),
    credentials: "same-origin",
  }, "Could not reach the server to get a token. Is it running?");
  if (response.status === 401 && !localMode) {
    throw new ShownError("Please sign in to comment (use the Sign in link).");
  }
  if (response.status === 400 && localMode && !refused) {
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
  clearFieldErrors();
  const comment = commentInput.value.trim();
  const message = JSON.stringify({ courseId: courseSelect.value, comment });
  const badName = localMode ? nameProblem(currentUser()) : null;
  if (badName) return complain(new FieldError(userInput, userError, badName));
  const badComment = commentProblem(comment, message);
  if (badComment) return complain(new FieldError(commentInput, commentError, badComment));

  postButton.disabled = true;
  say("Publishing…");
  try {
    await publish(message);
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

function showCourseName() {
  courseName.textContent = courseSelect.selectedOptions[0]?.textContent ?? courseSelect.value;
}

courseSelect.addEventListener("change", () => {
  showCourseName();
  loadComments().catch(complain);
});

async function start() {
  try {
    const health = await (await fetch("/api/health")).json();
    localMode = health.mode === "Local";
  } catch { /* assume local; the token request will explain any problem */ }
  $("local-identity").hidden = !localMode;
  $("azure-identity").hidden = localMode;
  userInput.required = localMode;
  showCourseName();

  await loadComments().catch(complain);
  setInterval(() => loadComments().catch(complain), POLL_INTERVAL_MS);
}

start();

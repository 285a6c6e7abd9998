// The course's comments, read back from /api/courses/{courseId}/comments and shown as text only: comment text is
// only ever set as textContent, never parsed as HTML.

import { call, explain } from "./http.js";
import { courseSelect, empty, list, ShownError } from "./page.js";

const APPEAR_CHECKS = 20;
const APPEAR_CHECK_MS = 500;

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

/** Reads the selected course's comments and shows them (unless another course was picked meanwhile). */
export async function loadComments() {
  const course = courseSelect.value;
  const response = await call(`/api/courses/${encodeURIComponent(course)}/comments?limit=50`, {},
    "Could not reach the server to load comments.");
  if (!response.ok) throw new ShownError(await explain(response, "Could not load comments"));
  const view = await response.json();
  if (course === courseSelect.value) render(view.comments);
  return view.comments;
}

/** Delivery is asynchronous (publish, then subscription or webhook): look until the comment shows up. */
export async function waitUntilShown(tokenId, comment) {
  for (let i = 0; i < APPEAR_CHECKS; i++) {
    const comments = await loadComments();
    if (comments.some((c) => c.userID === tokenId && c.comment === comment)) return true;
    await new Promise((resolve) => setTimeout(resolve, APPEAR_CHECK_MS));
  }
  return false;
}

// The browser side of the pattern: get a publish-only token from /api/tokens (tokens.js), publish the comment
// straight to the token's publishUrl (publish.js), then read the course's comments back once it is stored
// (comments.js). What is checked before publishing is in checks.js; how the page reports, in page.js.

import { commentProblem, nameProblem } from "./checks.js";
import { loadComments, waitUntilShown } from "./comments.js";
import { currentUser, isLocalMode, useLocalMode } from "./identity.js";
import {
  azureIdentity, clearFieldErrors, commentError, commentInput, complain, courseName, courseSelect, FieldError, form,
  localIdentity, postButton, say, userError, userInput,
} from "./page.js";
import { publish } from "./publish.js";
import { heldToken } from "./tokens.js";

const POLL_INTERVAL_MS = 5_000;

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearFieldErrors();
  const comment = commentInput.value.trim();
  const message = JSON.stringify({ courseId: courseSelect.value, comment });
  const badName = isLocalMode() ? nameProblem(currentUser()) : null;
  if (badName) return complain(new FieldError(userInput, userError, badName));
  const badComment = commentProblem(comment, message);
  if (badComment) return complain(new FieldError(commentInput, commentError, badComment));

  postButton.disabled = true;
  say("Publishing…");
  try {
    await publish(message);
    commentInput.value = "";
    say("Published. Waiting for the app to store it…");
    say(await waitUntilShown(heldToken().tokenId, comment)
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
    useLocalMode(health.mode === "Local");
  } catch { /* assume local; the token request will explain any problem */ }
  localIdentity.hidden = !isLocalMode();
  azureIdentity.hidden = isLocalMode();
  userInput.required = isLocalMode();
  showCourseName();

  await loadComments().catch(complain);
  setInterval(() => loadComments().catch(complain), POLL_INTERVAL_MS);
}

start();

// Publishing: the comment goes straight to the token's publishUrl (Momento's Topics HTTP API, or the local Momento
// emulator's), with no backend in the path.

import { call, explain } from "./http.js";
import { ShownError } from "./page.js";
import { getToken } from "./tokens.js";

function publishWith(current, message) {
  return call(current.publishUrl, {
    method: "POST",
    headers: { Authorization: current.token, "Content-Type": "text/plain" },
    body: message,
  }, "Could not reach Momento to publish the comment. Check your connection and try again.");
}

/** Publishes <message> to the topic; a token Momento refuses is replaced once. */
export async function publish(message) {
  const first = await getToken();
  let response = await publishWith(first, message);
  if (response.status === 401) {
    // Expired or revoked since we fetched it: one fresh token, one retry.
    response = await publishWith(await getToken({ force: true, refused: first }), message);
  }
  if (response.status === 413) throw new ShownError("That comment is too long to publish.");
  if (response.status === 429) {
    throw new ShownError("Too many comments right now. Please wait a moment and try again.");
  }
  if (!response.ok) throw new ShownError(await explain(response, "Momento refused the comment"));
}

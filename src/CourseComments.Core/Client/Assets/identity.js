// Who comments: in local mode the display name typed on the page; in Azure the signed-in user, whom the server knows
// from the platform's principal.

import { userInput } from "./page.js";

let localMode = true;

export function useLocalMode(local) {
  localMode = local;
}

export function isLocalMode() {
  return localMode;
}

/** The display name to ask a token for: the typed one in local mode, none in Azure. */
export function currentUser() {
  return localMode ? userInput.value.trim() : "";
}

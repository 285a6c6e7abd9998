// The page's elements and how it reports: progress in the status line, a failure in the alert line, a problem with
// one field's value next to that field.

const $ = (id) => document.getElementById(id);
export const form = $("comment-form");
export const localIdentity = $("local-identity");
export const azureIdentity = $("azure-identity");
export const userInput = $("user");
export const userError = $("user-error");
export const courseSelect = $("course");
export const courseName = $("course-name");
export const commentInput = $("comment");
export const commentError = $("comment-error");
export const postButton = $("post");
export const list = $("comments");
export const empty = $("empty");
const statusLine = $("status");
const errorLine = $("error");

/** A failure worded for the person at the keyboard. */
export class ShownError extends Error {}

/** A problem with one field's value: shown next to that field, which is marked invalid. */
export class FieldError extends ShownError {
  constructor(input, shownIn, message) {
    super(message);
    this.input = input;
    this.shownIn = shownIn;
  }
}

export function say(message) {
  statusLine.textContent = message;
  errorLine.textContent = "";
}

export function clearFieldErrors() {
  for (const [input, shownIn] of [[userInput, userError], [commentInput, commentError]]) {
    input.removeAttribute("aria-invalid");
    shownIn.textContent = "";
  }
}

export function complain(error) {
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

// The intake's rules (docs/webhook.md, docs/tokens.md), checked here so nothing is published that it would refuse.

const MAX_COMMENT_LENGTH = 1000;
const MAX_MESSAGE_BYTES = 4096;
const LOCAL_NAME = /^[A-Za-z0-9_.@-]{1,64}$/;
const INVISIBLE_ONLY = /^[\s\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]*$/u;
const LONE_SURROGATE = /\p{Cs}/u;

/** What is wrong with a local-mode display name, or null. */
export function nameProblem(name) {
  if (!name) return "Pick a display name first.";
  if (!LOCAL_NAME.test(name)) return "Use 1-64 letters, digits, '.', '_', '@' or '-' (no spaces).";
  return null;
}

/** What is wrong with a comment and the message that would carry it, or null. */
export function commentProblem(comment, message) {
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

// Requests whose failures are worded for the person at the keyboard.

import { ShownError } from "./page.js";

/** The problem+json title the API wrote for callers, or a fallback. */
export async function explain(response, fallback) {
  try {
    const problem = await response.json();
    if (typeof problem.title === "string" && problem.title) return `${fallback}: ${problem.title}`;
  } catch { /* not JSON: use the fallback */ }
  return `${fallback} (HTTP ${response.status}).`;
}

/** fetch, with a network failure shown as <unreachable>. */
export async function call(url, init, unreachable) {
  try {
    return await fetch(url, init);
  } catch {
    throw new ShownError(unreachable);
  }
}

/**
 * What makes a username and a password acceptable at sign-up, with the
 * message shown on the form when one is not.
 *
 * A username is checked in the form it is stored in (`normalizeUsername`:
 * NFKC, lower case, trimmed), so what is checked is what is kept. Letters
 * and digits of any script are welcome; punctuation other than `.`, `_` and
 * `-` is not, so a name cannot hide markup, spaces or look-alike symbols.
 *
 * A password needs length more than anything else (NIST SP 800-63B): at
 * least 8 characters, no rules about which kinds. The upper bound only
 * keeps requests small. Lengths count characters (code points), not bytes.
 *
 * @example
 * const problem = usernameProblem(form.username) ?? passwordProblem(form.password, form.username);
 * if (problem !== undefined) return showFormAgain(422, problem);
 */
import { normalizeUsername } from "./users.ts";

export const USERNAME_MIN = 3;
export const USERNAME_MAX = 32;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

/** Letters and digits of any script, and `.`, `_`, `-`. */
const USERNAME = /^[\p{L}\p{Nd}._-]+$/u;

/**
 * What is wrong with this username, or `undefined` when it will do.
 * @example usernameProblem("ab"); // "Choose a username of 3 to 32 characters."
 */
export function usernameProblem(raw: string): string | undefined {
  const username = normalizeUsername(raw);
  if (username === "") return "Enter a username.";
  const length = [...username].length;
  if (length < USERNAME_MIN || length > USERNAME_MAX) {
    return `Choose a username of ${USERNAME_MIN} to ${USERNAME_MAX} characters.`;
  }
  if (!USERNAME.test(username)) {
    return "A username may hold only letters, digits, dots (.), dashes (-) and underscores (_).";
  }
  return undefined;
}

/**
 * What is wrong with this password, or `undefined` when it will do.
 * @example passwordProblem("short", "ada"); // "Choose a password of at least 8 characters."
 */
export function passwordProblem(password: string, username: string): string | undefined {
  const length = [...password.normalize("NFKC")].length;
  if (length < PASSWORD_MIN) return `Choose a password of at least ${PASSWORD_MIN} characters.`;
  if (length > PASSWORD_MAX) return `Choose a password of at most ${PASSWORD_MAX} characters.`;
  if (normalizeUsername(password) === normalizeUsername(username)) {
    return "Choose a password that is not your username.";
  }
  return undefined;
}

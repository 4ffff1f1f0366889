/**
 * Exercise 11-read-credentials: read the username and password a form sent.
 *
 * The sign-in and sign-up forms are plain HTML forms: the browser POSTs
 * them as `application/x-www-form-urlencoded`, like
 * `csrf_token=...&username=ada&password=correct+horse`.
 *
 * Write `readCredentials(environ)`: read the form with the kit's
 * `readForm(environ, { limit })` (gateway/kit/request.ts), keeping to
 * `FORM_LIMIT` bytes, and return its `username` and `password` fields, each
 * "" when the form has none. Return them as they came (no trimming): the
 * checks that follow decide what to do with them.
 *
 * `readForm` does the careful parts for you, as thrown `HttpError`s: a body
 * past the limit is a 413 (and is not read on), a body that is not a form a
 * 415, bytes that are not UTF-8 a 400.
 *
 * Check it: npm run learn -- check 11-read-credentials
 * Read: lessons/11-sign-in/README.md, "Exercise: read the credentials".
 */
import type { Environ } from "../../gateway/types.ts";
import { notDone } from "./not-done.ts";

/**
 * The largest form the app reads, in bytes. A username (32 characters) and
 * a password (256) take at most about 3.5 kB even when every character is
 * a 4-byte one, sent as four `%XX` escapes (12 bytes) each; anything bigger is not a
 * sign-in, and reading it would only cost memory.
 */
export const FORM_LIMIT = 8 * 1024;

/**
 * What a sign-in or sign-up form holds.
 * @example const { username, password }: Credentials = await readCredentials(environ);
 */
export interface Credentials {
  username: string;
  password: string;
}

/**
 * The username and password of the POSTed form ("" for a missing field).
 * @example const { username, password } = await readCredentials(environ);
 */
export async function readCredentials(environ: Environ): Promise<Credentials> {
  // TODO: read the form with readForm (import it from gateway/kit/request.ts),
  // at most FORM_LIMIT bytes, and return its "username" and "password"
  // fields ("" for a missing one). Then delete the line below.
  throw notDone("11-read-credentials", "credentials.ts", environ);
}

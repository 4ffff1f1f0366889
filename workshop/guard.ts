/**
 * The home's guard: who may change the learner's files or start a process.
 *
 * The workshop home is more than pages to read: its exercise pages reset
 * and catch up the learner's files, open an editor, and its instructor
 * mode starts demos. A page on another site, open in the same browser,
 * must not be able to do any of that. So every such route:
 * - is a POST (a link or an image can only GET);
 * - comes from this machine, to a loopback name, and from a page of ours
 *   when the browser says (`Origin`): the loopback rule the debugger and
 *   the trace page keep (../gateway/loopback.ts). A site that points its own
 *   name at 127.0.0.1 ("DNS rebinding") still sends that name in `Host`;
 * - carries the home's CSRF token in its form: a random string made once
 *   per process and written only into the home's own pages. Another site
 *   cannot read those pages (the browser's same-origin rule), so it cannot
 *   know the token.
 *
 * The live streams change nothing, but they show the learner's test
 * output: they keep the loopback rule too.
 *
 * @example
 * const guard = new HomeGuard();
 * const form = await guard.checkForm(environ); // throws a 403 HttpError when refused
 * html`<form method="post">${guard.field()}<button>Reset</button></form>`;
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { html, type SafeHtml } from "../gateway/html.ts";
import { forbidden } from "../gateway/kit/http-errors.ts";
import { readForm } from "../gateway/kit/request.ts";
import { checkLoopback } from "../gateway/loopback.ts";
import type { Environ } from "../gateway/types.ts";

/** The name of the form field that carries the token. */
export const TOKEN_FIELD = "csrf";

/** A form of the home is a few short fields: anything longer is not one of ours. */
const FORM_LIMIT = 10_000;

/** The token of one home, and the checks that use it. */
export class HomeGuard {
  /** 144 random bits, made once per home. */
  readonly token = randomBytes(18).toString("base64url");

  /**
   * Throws a 403 unless the request comes from this machine, to a loopback name.
   * @example guard.checkPlace(environ); // before opening a live stream
   */
  checkPlace(environ: Environ): void {
    const verdict = checkLoopback(environ, "the workshop home");
    if (!verdict.allowed) throw forbidden(`${capitalize(verdict.reason)}.`);
  }

  /**
   * The request's form, once the place and the token are checked; a 403 (or the
   * 413/415/400 of reading the form) otherwise.
   * @example const form = await guard.checkForm(environ); form.get("step");
   */
  async checkForm(environ: Environ): Promise<URLSearchParams> {
    this.checkPlace(environ);
    const form = await readForm(environ, { limit: FORM_LIMIT });
    if (!sameToken(form.get(TOKEN_FIELD), this.token)) {
      throw forbidden(
        "This form has no valid token: it did not come from this workshop home, or the home " +
          "was restarted since the page was loaded. Reload the page and try again.",
      );
    }
    return form;
  }

  /**
   * The hidden field every form of the home carries.
   * @example html`<form method="post" action="reset">${guard.field()}...</form>`
   */
  field(): SafeHtml {
    return html`<input type="hidden" name="${TOKEN_FIELD}" value="${this.token}">`;
  }
}

/** Compares hashes in constant time, so the time an answer takes says nothing about the token. */
function sameToken(given: string | null, token: string): boolean {
  if (given === null) return false;
  const hash = (text: string) => createHash("sha256").update(text).digest();
  return timingSafeEqual(hash(given), hash(token));
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Redirects, thrown like errors (Paste's `HTTPFound` and friends in
 * `paste.httpexceptions`; Werkzeug's `redirect()`).
 *
 * A redirect is an `HttpError` with a 3xx status and a `Location` header,
 * so `throw seeOther("/")` works wherever `throw notFound()` does, and the
 * `httpErrors()` middleware answers it.
 *
 * The target goes into `Location` as given: a full URL, or a reference that
 * the browser resolves against the address it asked for (RFC 9110, section
 * 10.2.2). It is never rewritten, because "/" could mean the site's root or
 * the app's. An app mounted under a prefix (`urlMap`, Express, Apache) builds
 * its own targets with `appUrl(environ, "/path")`, which puts `SCRIPT_NAME`
 * in front, as it does for links.
 *
 * A target holding CR or LF is refused: it would let whoever chose it add
 * headers to the response. Other characters a URL may not hold (spaces,
 * non-ASCII letters) are percent-encoded.
 *
 * @example
 * // after a form is handled, send the browser to the app's home page
 * throw seeOther(appUrl(environ, "/"));
 */
import type { Environ } from "../types.ts";
import { HttpError } from "./http-errors.ts";

/**
 * The redirect statuses. 303 and 307 say what to do with the method; 301 and 302 leave it vague.
 * @example const code: RedirectCode = 303;
 */
export type RedirectCode = 301 | 302 | 303 | 307 | 308;

/**
 * A redirect with the given status (302 by default).
 * @example throw redirect("https://example.com/", 307);
 */
export function redirect(location: string, code: RedirectCode = 302): HttpError {
  return new HttpError(code, {
    detail: "This page is at another address.",
    headers: [["Location", checkLocation(location)]],
  });
}

/** 301: moved for good; browsers and caches remember it. @example throw movedPermanently("/new"); */
export function movedPermanently(location: string): HttpError {
  return redirect(location, 301);
}

/** 302: look over there, this time. @example throw found("/elsewhere"); */
export function found(location: string): HttpError {
  return redirect(location, 302);
}

/**
 * 303: the answer to this POST is at another address: GET it there.
 * The redirect to use after a form is handled (Post/Redirect/Get).
 * @example throw seeOther(appUrl(environ, "/account"));
 */
export function seeOther(location: string): HttpError {
  return redirect(location, 303);
}

/** 307: ask again there, with the same method and body. @example throw temporaryRedirect("/v2/upload"); */
export function temporaryRedirect(location: string): HttpError {
  return redirect(location, 307);
}

/**
 * The site-absolute path of `path` inside the app: `SCRIPT_NAME` in front,
 * so links and redirects still work when the app is mounted under a prefix.
 * @example appUrl(environ, "/sign-in"); // "/accounts/sign-in" when mounted at "/accounts"
 */
export function appUrl(environ: Environ, path: string): string {
  if (!path.startsWith("/")) {
    throw new TypeError(
      `appUrl: the path ${JSON.stringify(path)} must start with "/", like "/sign-in"`,
    );
  }
  return environ.SCRIPT_NAME + path;
}

/** Refuses control characters; percent-encodes what a URL cannot hold as it is. */
function checkLocation(location: string): string {
  if (typeof location !== "string" || location === "") {
    throw new TypeError('a redirect needs a target, like "/" or "https://example.com/"');
  }
  if (/\p{Cc}/u.test(location)) {
    throw new TypeError(
      `the redirect target ${JSON.stringify(location)} holds a control character (CR, LF, ...), ` +
        "which could add headers to the response: is it built from unchecked input?",
    );
  }
  return location.replace(/[^\x21-\x7e]+/gu, (text) => encodeURIComponent(text));
}

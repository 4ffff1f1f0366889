/**
 * The registry of environ keys that middleware adds.
 *
 * PEP 3333 ("environ Variables") lets servers and middleware put their own
 * keys in the environ, as long as each is namespaced so that two pieces of
 * software never fight over one name. This interface is the one place that
 * lists them: each key, with a doc comment saying who sets it, and its type.
 * Add a line here when your middleware adds a key; `Environ` picks it up
 * everywhere. Other namespaced keys are allowed, typed `unknown`.
 */
import type { ErrorDocument } from "./kit/error-documents.ts";
import type { RouteMatch } from "./kit/router.ts";
import type { Session } from "./kit/sessions/session.ts";

export interface EnvironExtensions {
  /** Set by `kit/router.ts` (`router()`): the path parameters and the pattern of the route that matched. */
  "kit.route"?: RouteMatch;
  /** Set by `kit/sessions/index.ts` (`sessions()`): this visitor's session, saved when the response starts. */
  "kit.session"?: Session;
  /** Set by `kit/error-documents.ts` (`errorDocuments()`), for the error page only: the status and headers the app answered. */
  "kit.error_document"?: ErrorDocument;
}

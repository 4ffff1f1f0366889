/**
 * The sign-in app: its routes, and the middleware stacked around them.
 *
 * `createApp` takes what lives outside the app (the user store, the session
 * store, the keys that sign cookies) so that the server (server.ts) hands it
 * SQLite, and tests hand it a temporary database and a cheap password hash.
 *
 * `stack()` lists the layers from the inside out, as they wrap the routes
 * (the last is the one the server calls). Read from the outside in, each
 * layer sees the request before the ones inside it:
 *
 *   urlMap             /static/... to the style sheet, the rest to the app
 *   sessions()         the session from its cookie; saved when the answer starts
 *   securityHeaders()  CSP, nosniff, no-store on every answer (security-headers.ts)
 *   httpErrors()       thrown HttpErrors (a 303, a 403, a 429) become answers
 *   csrfProtection()   every POST must carry the session's CSRF token (csrf.ts)
 *   loadUser()         who is signed in, for the pages (auth.ts)
 *   router()           the routes below
 *
 * `sessions()` sits outside `httpErrors()`: a redirect thrown right after
 * sign-in then goes out through the session's startResponse, with the new
 * cookie. With `npm run signin -- --trace`, each layer is a lane of the
 * trace page, named after the function it made (`withSession`, ...).
 *
 * @example
 * const db = openDatabase(dataDir);
 * const app = createApp({
 *   users: new UserStore(db),
 *   sessionStore: new SqliteSessionStore(db),
 *   sessionKeys: [key],
 * });
 */
import { fileURLToPath } from "node:url";
import { httpErrors } from "../../gateway/kit/http-error-middleware.ts";
import { route, router } from "../../gateway/kit/router.ts";
import { type SessionStore, sessions } from "../../gateway/kit/sessions/index.ts";
import { staticFiles } from "../../gateway/kit/static-files.ts";
import { urlMap } from "../../gateway/kit/url-map.ts";
import { stack } from "../../gateway/trace/stack.ts";
import type { App } from "../../gateway/types.ts";
import { loadUser, requireUser } from "./auth.ts";
import type { SigninContext, Users } from "./context.ts";
import { csrfProtection } from "./csrf.ts";
import { dummyHash, type PasswordOptions } from "./passwords.ts";
import { SigninLimits } from "./rate-limit.ts";
import { home } from "./routes/home.ts";
import { privatePage } from "./routes/private.ts";
import { signinRoutes } from "./routes/signin.ts";
import { signOut } from "./routes/signout.ts";
import { signupRoutes } from "./routes/signup.ts";
import { securityHeaders } from "./security-headers.ts";

/**
 * What the app needs from outside.
 * @example createApp({ users, sessionStore, sessionKeys: [key], secure: true });
 */
export interface SigninAppOptions {
  users: Users;
  sessionStore: SessionStore;
  /** At least 32 bytes each, newest first. */
  sessionKeys: string[];
  /**
   * `true`: cookies are always `Secure` (behind a proxy that speaks HTTPS
   * to browsers and HTTP to us). Otherwise they are `Secure` when the
   * request came over HTTPS (`gateway.url_scheme`).
   */
  secure?: boolean;
  /** The clock of the rate limits, in milliseconds (default `Date.now`). */
  now?: () => number;
  /** How passwords are hashed (default: scrypt at OWASP's cost). */
  passwords?: PasswordOptions;
}

/** A session lasts a working day after it last changed; then the user signs in again. */
const SESSION_MAX_AGE = 8 * 60 * 60;

const STATIC_DIR = fileURLToPath(new URL("./static/", import.meta.url));

/**
 * The whole app.
 * @example serve(createApp({ users, sessionStore, sessionKeys }), { port: 8011 });
 */
export function createApp(options: SigninAppOptions): App {
  const passwords = options.passwords ?? {};
  const context: SigninContext = {
    users: options.users,
    passwords,
    dummyHash: dummyHash(passwords.cost),
    limits: new SigninLimits(options.now),
  };
  const signup = signupRoutes(context);
  const signin = signinRoutes(context);
  // #region routes
  const routes = router([
    route("GET", "/", home),
    route("GET", "/signup", signup.show),
    route("POST", "/signup", signup.submit),
    route("GET", "/signin", signin.show),
    route("POST", "/signin", signin.submit),
    route("POST", "/signout", signOut),
    route("GET", "/private", requireUser()(privatePage)),
  ]);
  // #endregion routes
  // #region stack
  const session = sessions({
    keys: options.sessionKeys,
    store: options.sessionStore,
    maxAge: SESSION_MAX_AGE,
    sameSite: "Lax",
    secure: options.secure === true ? true : undefined,
  });
  const app = stack(
    routes,
    loadUser(options.users),
    csrfProtection(),
    httpErrors(),
    securityHeaders(),
    session,
  );
  // #endregion stack
  return urlMap({ "/static": staticFiles(STATIC_DIR), "/": app });
}

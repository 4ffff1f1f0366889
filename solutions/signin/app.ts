/**
 * The sign-in app: its routes, and the middleware stacked around them.
 *
 * `createApp` takes what lives outside the app (the store of users, sessions
 * and rate-limit counts, the keys that sign cookies) so that the server
 * (server.ts) hands it SQLite or PostgreSQL, and tests hand it a temporary
 * database and a cheap password hash.
 *
 * `stack()` lists the layers from the inside out, as they wrap the routes
 * (the last is the one the server calls). Read from the outside in, each
 * layer sees the request before the ones inside it:
 *
 *   forwardedFor()     with --trust-proxy: the client's address, as your proxy reports it
 *   urlMap             /static/... to the style sheet, the rest to the app
 *   securityHeaders()  CSP, nosniff, no-store on every answer (security-headers.ts)
 *   httpErrors()       a database that is down, while the session is read or saved: 503
 *   sessions()         the session from its cookie; saved when the answer starts
 *   httpErrors()       thrown HttpErrors (a 303, a 403, a 429, a 503) become answers
 *   csrfProtection()   every POST must carry the session's CSRF token (csrf.ts)
 *   loadUser()         who is signed in, for the pages (auth.ts)
 *   router()           the routes below
 *
 * `sessions()` sits outside `httpErrors()`: a redirect thrown right after
 * sign-in then goes out through the session's startResponse, with the new
 * cookie. So `httpErrors()` is there twice: the outer one answers what the
 * inner one cannot see, a session store that fails (store/store.ts). With
 * `npm run signin -- --trace`, each layer is a lane of the trace page, named
 * after the function it made (`withSession`, ...).
 *
 * @example
 * const store = await openSqliteStore(dataDir);
 * const app = createApp({ store, sessionKeys: [key] });
 */
import { fileURLToPath } from "node:url";
import { forwardedFor } from "../../gateway/kit/forwarded-for.ts";
import { httpErrors } from "../../gateway/kit/http-error-middleware.ts";
import { route, router } from "../../gateway/kit/router.ts";
import { sessions } from "../../gateway/kit/sessions/index.ts";
import { staticFiles } from "../../gateway/kit/static-files.ts";
import { urlMap } from "../../gateway/kit/url-map.ts";
import { stack } from "../../gateway/trace/stack.ts";
import type { App } from "../../gateway/types.ts";
import { loadUser, requireUser } from "./auth.ts";
import type { SigninContext } from "./context.ts";
import { csrfProtection } from "./csrf.ts";
import { dummyHash, type PasswordOptions } from "./passwords.ts";
import { SigninLimits } from "./rate-limit.ts";
import { home } from "./routes/home.ts";
import { privatePage } from "./routes/private.ts";
import { signinRoutes } from "./routes/signin.ts";
import { signOut } from "./routes/signout.ts";
import { signupRoutes } from "./routes/signup.ts";
import { securityHeaders } from "./security-headers.ts";
import type { SigninStore } from "./store/store.ts";

/**
 * What the app needs from outside.
 * @example createApp({ store, sessionKeys: [key], secure: true });
 */
export interface SigninAppOptions {
  /** The users, the sessions and the rate limits' counts (store/). */
  store: SigninStore;
  /** At least 32 bytes each, newest first. */
  sessionKeys: string[];
  /**
   * `true`: cookies are always `Secure` (behind a proxy that speaks HTTPS
   * to browsers and HTTP to us). Otherwise they are `Secure` when the
   * request came over HTTPS (`gateway.url_scheme`).
   */
  secure?: boolean;
  /**
   * The reverse proxies in front (addresses or networks, as `forwardedFor` takes them): the
   * client's address is then the one they report in `X-Forwarded-For`, so the per-address
   * limits count each visitor, not the proxy. Unset: `REMOTE_ADDR`, and no header believed.
   */
  trustedProxies?: readonly string[];
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
 * @example serve(createApp({ store, sessionKeys }), { port: 8011 });
 */
export function createApp(options: SigninAppOptions): App {
  const passwords = options.passwords ?? {};
  const { store } = options;
  const context: SigninContext = {
    users: store.users,
    passwords,
    dummyHash: dummyHash(passwords.cost),
    limits: new SigninLimits(store.limits, options.now),
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
    store: store.sessions,
    maxAge: SESSION_MAX_AGE,
    sameSite: "Lax",
    secure: options.secure === true ? true : undefined,
    // Always over HTTPS: the __Host- prefix, with which a browser refuses the cookie when
    // it is set for the whole domain, so a sibling subdomain cannot plant a session of its own.
    ...(options.secure === true && { cookieName: "__Host-session", path: "/" }),
  });
  const app = stack(
    routes,
    loadUser(store.users),
    csrfProtection(),
    httpErrors(),
    session,
    httpErrors(),
    securityHeaders(),
  );
  // #endregion stack
  const site = urlMap({ "/static": staticFiles(STATIC_DIR), "/": app });
  const { trustedProxies } = options;
  return trustedProxies === undefined ? site : forwardedFor(trustedProxies)(site);
}

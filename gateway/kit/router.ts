/**
 * The router: one app out of many small ones, chosen by method and path
 * (like Werkzeug's `werkzeug.routing.Map`, and what Pylons took from Routes).
 *
 * Each route pairs methods and a path pattern (`route-pattern.ts`) with the
 * app that answers them. The router tries the routes in the order given and
 * calls the first that matches both `REQUEST_METHOD` and `PATH_INFO`, so
 * list `/users/new` before `/users/:id`. The path parameters go in
 * `environ["kit.route"]` (read them with `routeParams(environ)`).
 *
 * When no route has the path, the answer is 404. When some have the path
 * but not the method, it is 405 with an `Allow` header listing the methods
 * that would work (RFC 9110, section 15.5.6). A route for GET answers HEAD
 * too: the server drops the body (outgoing-response.ts), so a GET app is a
 * HEAD app.
 * `PATH_INFO` "" (a request for the very prefix an app is mounted at)
 * matches as "/".
 *
 * @example
 * const app = router([
 *   route("GET", "/", home),
 *   route(["GET", "POST"], "/sign-in", signIn),
 *   route("GET", "/users/:id", showUser),
 * ]);
 */
import type { App, Environ } from "../types.ts";
import { methodNotAllowed, notFound } from "./http-errors.ts";
import { RoutePattern } from "./route-pattern.ts";

/**
 * What the router puts in `environ["kit.route"]`.
 * @example environ["kit.route"]; // { params: { id: "42" }, pattern: "/users/:id" }
 */
export interface RouteMatch {
  /** The path parameters by name, decoded: `{ id: "42" }` for "/users/42" and "/users/:id". */
  params: Record<string, string>;
  /** The pattern that matched: "/users/:id". */
  pattern: string;
}

/**
 * One route, as `route()` makes it.
 * @example const routes: Route[] = [route("GET", "/", home)];
 */
export interface Route {
  readonly methods: ReadonlySet<string>;
  readonly pattern: RoutePattern;
  readonly app: App;
}

/** An HTTP method is a token, and case-sensitive: "get" is not "GET" (RFC 9110, section 9.1). */
const METHOD = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * A route. Methods are upper case ("GET", "POST"...); a GET route answers HEAD too.
 * @example route(["GET", "POST"], "/sign-in", signIn)
 */
export function route(methods: string | string[], pattern: string, app: App): Route {
  const list = typeof methods === "string" ? [methods] : methods;
  if (!Array.isArray(list) || list.length === 0) {
    throw new TypeError(
      `route ${pattern}: give a method or a list of them, like "GET" or ["GET", "POST"]`,
    );
  }
  for (const method of list) checkMethod(method, pattern);
  if (typeof app !== "function") {
    throw new TypeError(
      `route ${list.join(",")} ${pattern}: the third argument is ${typeof app}, not an app: ` +
        "did you call the app instead of passing it?",
    );
  }
  return { methods: new Set(list), pattern: new RoutePattern(pattern), app };
}

/**
 * The app that routes to `routes`. Two routes for one method and the same
 * pattern are a mistake (the second could never answer), refused here.
 * @example serve(httpErrors()(router([route("GET", "/", home)])));
 */
export function router(routes: Route[]): App {
  checkRoutes(routes);
  return function routed(environ, startResponse) {
    const path = environ.PATH_INFO || "/";
    const method = environ.REQUEST_METHOD;
    const allowed: string[] = [];
    for (const { methods, pattern, app } of routes) {
      const params = pattern.match(path);
      if (params === undefined) continue;
      if (answers(methods, method)) {
        environ["kit.route"] = { params, pattern: pattern.source };
        return app(environ, startResponse);
      }
      allowed.push(...methods, ...(methods.has("GET") ? ["HEAD"] : []));
    }
    const error = allowed.length > 0 ? methodNotAllowed(allowed) : notFound();
    return error.respond(environ, startResponse);
  };
}

/**
 * The path parameters of the route that matched. Throws if no router set
 * them: a sign that the app was not mounted through `router()`.
 * @example const { id } = routeParams(environ);
 */
export function routeParams(environ: Environ): Record<string, string> {
  const match = environ["kit.route"];
  if (match === undefined) {
    throw new Error(
      'no route parameters in environ["kit.route"]: is this app called through router()?',
    );
  }
  return match.params;
}

function answers(methods: ReadonlySet<string>, method: string): boolean {
  return methods.has(method) || (method === "HEAD" && methods.has("GET"));
}

function checkMethod(method: string, pattern: string): void {
  if (typeof method !== "string" || !METHOD.test(method)) {
    throw new TypeError(
      `route ${pattern}: ${JSON.stringify(method)} is not an HTTP method, like "GET"`,
    );
  }
  if (method !== method.toUpperCase()) {
    throw new TypeError(
      `route ${pattern}: methods are case-sensitive; did you mean ${JSON.stringify(method.toUpperCase())}?`,
    );
  }
}

function checkRoutes(routes: Route[]): void {
  if (!Array.isArray(routes)) {
    throw new TypeError('router takes an array of routes, like router([route("GET", "/", home)])');
  }
  const seen = new Set<string>();
  for (const entry of routes) {
    if (!(entry?.pattern instanceof RoutePattern)) {
      throw new TypeError("router: each entry must be made by route(method, pattern, app)");
    }
    for (const method of entry.methods) {
      const key = `${method} ${entry.pattern.source}`;
      if (seen.has(key)) throw new TypeError(`router: the route ${key} is listed twice`);
      seen.add(key);
    }
  }
}

/**
 * Route patterns: the path half of a route (like the rule strings of
 * Werkzeug's `werkzeug.routing.Rule`, "/users/<int:id>").
 *
 * A pattern is a path whose segments are one of three kinds:
 * - text, matched as it is: `/users`;
 * - `:name`, one whole segment, any text but "/": `/users/:id`;
 * - `*name`, last only: the rest of the path, slashes and all, maybe empty:
 *   `/files/*path` takes "/files/" and "/files/a/b.txt".
 * A pattern is compiled once, when the route is made, and a bad one throws
 * there, with what to write instead. It matches `PATH_INFO`, which the
 * server has percent-decoded already, so the parameters are decoded text;
 * "%2F" decodes to "/" there, so a `:name` parameter never holds one. A
 * trailing "/" counts: `/users/` and `/users` are two patterns.
 *
 * @example
 * const pattern = new RoutePattern("/users/:id");
 * pattern.match("/users/42"); // { id: "42" }
 * pattern.match("/users");    // undefined
 */

/** A parameter name: a JavaScript identifier, so `params.id` reads naturally. */
const NAME = /^[A-Za-z_$][\w$]*$/;

/**
 * A compiled path pattern.
 * @example new RoutePattern("/files/*path").match("/files/a/b"); // { path: "a/b" }
 */
export class RoutePattern {
  readonly source: string;
  readonly #regex: RegExp;
  readonly #names: string[] = [];

  constructor(source: string) {
    this.source = source;
    if (typeof source !== "string" || !source.startsWith("/")) {
      throw new TypeError(
        `route pattern ${JSON.stringify(source)} must start with "/", like "/users/:id"`,
      );
    }
    const segments = source.slice(1).split("/");
    const parts = segments.map((segment, index) =>
      this.#compile(segment, index === segments.length - 1),
    );
    this.#regex = new RegExp(`^/${parts.join("/")}$`);
  }

  /**
   * The parameters, by name, if the path matches; `undefined` if not.
   * @example new RoutePattern("/:a/:b").match("/x/y"); // { a: "x", b: "y" }
   */
  match(path: string): Record<string, string> | undefined {
    const found = this.#regex.exec(path);
    if (found === null) return undefined;
    return Object.fromEntries(this.#names.map((name, index) => [name, found[index + 1] ?? ""]));
  }

  /** One segment as a piece of the regular expression. */
  #compile(segment: string, last: boolean): string {
    if (segment.startsWith(":")) return this.#parameter(segment.slice(1), "([^/]+)");
    if (segment.startsWith("*")) {
      if (!last)
        this.#fail(`${segment} takes the rest of the path, so it must be the last segment`);
      return this.#parameter(segment.slice(1), "(.*)");
    }
    if (segment === "" && !last) this.#fail('it has an empty segment ("//")');
    return escapeRegExp(segment);
  }

  #parameter(name: string, regex: string): string {
    if (!NAME.test(name)) {
      this.#fail(
        `${JSON.stringify(name)} is not a parameter name: use letters, digits and "_", like ":id"`,
      );
    }
    if (this.#names.includes(name)) this.#fail(`the parameter ${name} appears twice`);
    this.#names.push(name);
    return regex;
  }

  #fail(problem: string): never {
    throw new TypeError(`route pattern ${JSON.stringify(this.source)}: ${problem}`);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

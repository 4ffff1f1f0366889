/**
 * Exercise 02-cgi-greeting: read the query string and the posted form.
 *
 * A form can reach a program two ways. With GET, the browser puts its
 * fields in the URL, after "?": the server hands that part over as
 * `env.QUERY_STRING` ("name=Ada"). With POST, the fields are the request
 * body, encoded the same way, on stdin (`body` here).
 *
 * `respond(env, body)` must answer `200 OK`, `Content-Type: text/plain;
 * charset=utf-8`, and the body "Hello, NAME!\n", where NAME is the `name`
 * field: from the body when `env.REQUEST_METHOD` is "POST", from
 * `env.QUERY_STRING` otherwise. With no name, or an empty one, greet the
 * "World". Fields are percent-encoded ("J%C3%BCrgen", "+" for a space):
 * `new URLSearchParams(text).get("name")` decodes them.
 *
 * Try it with `npm run demo -- 2`, at /exercise-greeting.ts?name=Ada.
 *
 * Check it: npm run learn -- check 02-cgi-greeting
 * Read: lessons/02-cgi-hello-world/README.md, "Exercise: greet from the query string or a form".
 */

// Step: take the fields from the body for a POST, from the query string otherwise.
export function respond(env: Record<string, string | undefined>, body: string): string {
  // GET carries the fields in the URL; POST in the body. Both are encoded alike.
  const fields = env.REQUEST_METHOD === "POST" ? body : (env.QUERY_STRING ?? "");
  // Step: find the name in the fields ("World" when there is none) and greet it.
  const name = new URLSearchParams(fields).get("name") || "World";
  return `Status: 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHello, ${name}!\n`;
}

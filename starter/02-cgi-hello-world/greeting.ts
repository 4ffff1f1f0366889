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

export function respond(_env: Record<string, string | undefined>, _body: string): string {
  // (The _ in _env and _body marks them unused for now: drop it as you use one.)
  // TODO: take the fields from the body for a POST, from env.QUERY_STRING otherwise.
  // TODO: find the name in them ("World" when there is none), and greet it.
  return "Status: 501 Not Implemented\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nNot done yet\n";
}

/**
 * The exercise manifest: every exercise of the workshop, in the order a learner meets them.
 *
 * `npm run learn` walks this list (the first unsolved one is the current
 * exercise), `npm run prove` proves each entry, and the workshop home shows
 * progress from it. There is no other list: an exercise missing here does not exist.
 *
 * ## Adding an exercise (lesson writers)
 *
 * 1. Write the reference in `solutions/<lesson>/<name>.ts`, then copy it to
 *    `starter/<lesson>/<name>.ts` and replace the bodies by a task statement
 *    (the comment block at the top of the file: `npm run learn` shows it) and
 *    `TODO`s where the work goes. Both files must type-check.
 * 2. Write its one test, `test/exercises/<lesson>/<name>.test.ts`. Load the
 *    file with `exerciseExport` from `test/exercises/load-exercise.ts` (never
 *    import `solutions/` directly: the same test checks either tree), and give
 *    every `expect` a message for the learner (see that file's example).
 * 3. Add an entry below, in lesson order. `hints` is a ladder: each hint says a
 *    little more than the one before; the last names the README section to read,
 *    as `Read lessons/<lesson>/README.md, 'Exercise: <heading>'.` (the heading
 *    must exist: the manifest test checks it).
 * 4. Give it a `demo`: the command that serves the starter file (most lessons
 *    have `demo-exercise.ts`, which mounts each exercise at `/ID` with
 *    workshop/exercise-demo.ts: add yours there) and the page that shows it at
 *    work. The instructor's mode runs it after each step of the solution.
 * 5. Commit the starter, then run `npm run prove`: the test must fail on the
 *    committed starter and pass on the solution. `npm test` checks the entry is
 *    well-formed (both files, the test, the hints).
 *
 * @example
 * {
 *   id: "05-add-header",
 *   lesson: "05-function-middleware",
 *   file: "05-function-middleware/add-header.ts",
 *   test: "test/exercises/05-function-middleware/add-header.test.ts",
 *   title: "A middleware that adds a header",
 *   hints: [
 *     "A middleware returns a new app that calls the app it wraps.",
 *     "Wrap startResponse: call the original with your header appended.",
 *     "Read lessons/05-function-middleware/README.md, 'Exercise: add a header'.",
 *   ],
 *   demo: { command: ["demo", "5", "exercise"], path: "/05-add-header" },
 * },
 */

/** One exercise: a file the learner edits, and the test that says when it is done. */
export interface Exercise {
  /** Unique, starts with the lesson number: "05-add-header". `npm run learn -- check ID` takes it. */
  readonly id: string;
  /** The lesson folder under `lessons/`: "05-function-middleware". */
  readonly lesson: string;
  /** Path inside `starter/` and `solutions/` (the same in both), with `/`: "05-function-middleware/add-header.ts". */
  readonly file: string;
  /** The exercise's test, from the repository root: "test/exercises/05-function-middleware/add-header.test.ts". */
  readonly test: string;
  /** One line, shown above the task: "A middleware that adds a header". */
  readonly title: string;
  /** At least two, each more telling; the last names the lesson README section. */
  readonly hints: readonly string[];
  /** What shows the exercise at work in a browser (the instructor's mode runs it after each step). */
  readonly demo?: ExerciseDemo;
}

/**
 * A demo that serves an exercise's file from `starter/`, and the page of it that shows the work.
 *
 * @example
 * { command: ["demo", "5", "exercise"], path: "/05-add-header" } // npm run demo -- 5 exercise
 */
export interface ExerciseDemo {
  /** The npm script and its arguments: ["demo", "5", "exercise"] is `npm run demo -- 5 exercise`. */
  readonly command: readonly [script: string, ...args: string[]];
  /** The page to open once it runs, with its query if any: "/05-add-header". */
  readonly path: string;
  /** False for a demo with no gateway in it (lesson 01 speaks HTTP by hand, lesson 02 runs CGI): it has nothing to trace. */
  readonly traced?: false;
}

/** Every exercise, in the order a learner should solve them. Lesson writers: add entries here. */
export const exercises: readonly Exercise[] = [
  // Lessons 01-04.
  {
    id: "01-http-response",
    lesson: "01-http-by-hand",
    file: "01-http-by-hand/http-response.ts",
    test: "test/exercises/01-http-by-hand/http-response.test.ts",
    title: "Write an HTTP response by hand",
    hints: [
      'A response is a status line ("HTTP/1.1 200 OK"), header lines, an empty line, then the body; each head line ends in "\\r\\n".',
      'Encode first, then count: const body = Buffer.from(text, "utf8"); Content-Length is body.byteLength. Return Buffer.concat([Buffer.from(head, "latin1"), body]).',
      "Read lessons/01-http-by-hand/README.md, 'Exercise: write an HTTP response'.",
    ],
    demo: { command: ["demo", "1", "exercise"], path: "/", traced: false },
  },
  {
    id: "02-cgi-response",
    lesson: "02-cgi-hello-world",
    file: "02-cgi-hello-world/hello-response.ts",
    test: "test/exercises/02-cgi-hello-world/hello-response.test.ts",
    title: "Write a CGI response by hand",
    hints: [
      "Return one string: the header lines, an empty line, then the body. The method is env.REQUEST_METHOD.",
      'The status is a header: "Status: 200 OK\\r\\n". End the headers with "\\r\\n\\r\\n", and count the body with Buffer.byteLength(text).',
      "Read lessons/02-cgi-hello-world/README.md, 'Exercise: write a CGI response by hand'.",
    ],
    demo: { command: ["demo", "2"], path: "/exercise-hello.ts", traced: false },
  },
  {
    id: "02-cgi-greeting",
    lesson: "02-cgi-hello-world",
    file: "02-cgi-hello-world/greeting.ts",
    test: "test/exercises/02-cgi-hello-world/greeting.test.ts",
    title: "Greet from the query string or a form",
    hints: [
      "A GET carries the form in env.QUERY_STRING; a POST carries it in the body. Both look like name=Ada.",
      'new URLSearchParams(text).get("name") decodes the field, and gives null when it is missing: || "World".',
      "Read lessons/02-cgi-hello-world/README.md, 'Exercise: greet from the query string or a form'.",
    ],
    demo: { command: ["demo", "2"], path: "/exercise-greeting.ts?name=Ada", traced: false },
  },
  {
    id: "03-hello-app",
    lesson: "03-gateway-app",
    file: "03-gateway-app/hello.ts",
    test: "test/exercises/03-gateway-app/hello.test.ts",
    title: "Turn the CGI hello into a gateway app",
    hints: [
      "Call startResponse(status, headers) instead of writing a Status: line, and return the body as [encode(text)].",
      'Encode first, then count: ["Content-Length", String(body.byteLength)]. For methods other than GET and HEAD, answer "405 Method Not Allowed" with ["Allow", "GET, HEAD"].',
      "Read lessons/03-gateway-app/README.md, 'Exercise: turn the CGI hello into an app'.",
    ],
    demo: { command: ["demo", "3", "exercise"], path: "/03-hello-app" },
  },
  {
    id: "03-greet-by-name",
    lesson: "03-gateway-app",
    file: "03-gateway-app/greet.ts",
    test: "test/exercises/03-gateway-app/greet.test.ts",
    title: "Greet by name, from the query string",
    hints: [
      'The query string is environ.QUERY_STRING; new URLSearchParams(environ.QUERY_STRING).get("name") decodes the name.',
      'Build <p>Hello, NAME!</p> with the html tag, the name in a placeholder so it is escaped, and return htmlResponse(startResponse, "200 OK", markup).',
      "Read lessons/03-gateway-app/README.md, 'Exercise: greet by name'.",
    ],
    demo: { command: ["demo", "3", "exercise"], path: "/03-greet-by-name?name=Ada" },
  },
  {
    id: "03-echo-form",
    lesson: "03-gateway-app",
    file: "03-gateway-app/echo-form.ts",
    test: "test/exercises/03-gateway-app/echo-form.test.ts",
    title: "Echo a POSTed form",
    hints: [
      'The body is environ["gateway.input"]: read all of it with await collect(...), then decode(bytes) to text (import both from "../../gateway/bytes.ts").',
      "[...new URLSearchParams(text)] gives [name, value] pairs: map each to an <li> built with the html tag, and put the array in a <ul>, also with html (it joins arrays).",
      "Read lessons/03-gateway-app/README.md, 'Exercise: echo a form'.",
    ],
    demo: { command: ["demo", "3", "exercise"], path: "/03-echo-form" },
  },
  {
    id: "04-server-report",
    lesson: "04-many-servers",
    file: "04-many-servers/server-report.ts",
    test: "test/exercises/04-many-servers/server-report.test.ts",
    title: "Report what the environ says about the server",
    hints: [
      'Every value is in the environ: environ.SERVER_NAME, environ.SERVER_PORT, environ["gateway.run_once"], ...',
      'Return [encode(JSON.stringify(report))] (a body is a list of chunks) with ["Content-Type", "application/json"], and log with environ["gateway.errors"].write(text).',
      "Read lessons/04-many-servers/README.md, 'Exercise: report the server'.",
    ],
    demo: { command: ["demo", "4", "exercise"], path: "/04-server-report" },
  },
  {
    id: "04-request-url",
    lesson: "04-many-servers",
    file: "04-many-servers/request-url.ts",
    test: "test/exercises/04-many-servers/request-url.test.ts",
    title: "Rebuild the request URL (PEP 3333, URL Reconstruction)",
    hints: [
      "Scheme, then host (HTTP_HOST, else SERVER_NAME and a non-default SERVER_PORT), then SCRIPT_NAME + PATH_INFO, then ?QUERY_STRING if not empty.",
      'Encode a path segment by segment, keeping the slashes: path.split("/").map(encodeURIComponent).join("/").',
      "Read lessons/04-many-servers/README.md, 'Exercise: rebuild the request URL'.",
    ],
    demo: { command: ["demo", "4", "exercise"], path: "/04-request-url/a%20b?x=1" },
  },
  // Lessons 05-08.
  {
    id: "05-add-header",
    lesson: "05-function-middleware",
    file: "05-function-middleware/add-header.ts",
    test: "test/exercises/05-function-middleware/add-header.test.ts",
    title: "A middleware that adds a header",
    hints: [
      "A middleware returns a new app that calls the app it wraps, handing it a startResponse of its own.",
      "Yours is (status, headers, excInfo) => startResponse(status, [...headers, [name, value]], excInfo): it returns the server's write().",
      "Read lessons/05-function-middleware/README.md, 'Exercise: add a header'.",
    ],
    demo: { command: ["demo", "5", "exercise"], path: "/05-add-header" },
  },
  {
    id: "05-upper-case",
    lesson: "05-function-middleware",
    file: "05-function-middleware/upper-case.ts",
    test: "test/exercises/05-function-middleware/upper-case.test.ts",
    title: "A middleware that rewrites the body",
    hints: [
      "Hold the status and headers back in your own startResponse, and read the whole body with for await before you start the real answer.",
      "For text/plain: encode(decode(chunks).toUpperCase()), then replace Content-Length with the new byteLength; keep what write() sends in the same chunks.",
      "Read lessons/05-function-middleware/README.md, 'Exercise: upper-case the body'.",
    ],
    demo: { command: ["demo", "5", "exercise"], path: "/05-upper-case" },
  },
  {
    id: "06-request-counter",
    lesson: "06-class-middleware",
    file: "06-class-middleware/request-counter.ts",
    test: "test/exercises/06-class-middleware/request-counter.test.ts",
    title: "A class middleware that counts requests",
    hints: [
      "A method handed to a server alone loses `this`: make app a property, readonly app: App = (environ, startResponse) => { ... }.",
      'Keep #count = 0 in the instance; in app, const number = ++this.#count, then add ["X-Request-Count", String(number)] in your own startResponse.',
      "Read lessons/06-class-middleware/README.md, 'Exercise: count requests'.",
    ],
    demo: { command: ["demo", "6", "exercise"], path: "/06-request-counter" },
  },
  {
    id: "06-allow-list",
    lesson: "06-class-middleware",
    file: "06-class-middleware/allow-list.ts",
    test: "test/exercises/06-class-middleware/allow-list.test.ts",
    title: "A class middleware with options: an allow-list",
    hints: [
      "The client's address is environ.REMOTE_ADDR; this.allowed.has(...) says whether it is let in.",
      "Write #isAllowed(environ) and #forbid(environ, startResponse) (like RateLimit's #refuse), and return #forbid(...) without calling the app when the address is not allowed.",
      "Read lessons/06-class-middleware/README.md, 'Exercise: an allow-list'.",
    ],
    demo: { command: ["demo", "6", "exercise"], path: "/06-allow-list" },
  },
  {
    id: "07-count-up",
    lesson: "07-generators",
    file: "07-generators/count-up.ts",
    test: "test/exercises/07-generators/count-up.test.ts",
    title: "A generator app that streams",
    hints: [
      "A function* body runs when the server asks for the first chunk: call startResponse there, then yield one encoded line per number.",
      'const to = Number(new URLSearchParams(environ.QUERY_STRING).get("to") ?? "10"); answer 400 unless Number.isInteger(to) and 1 <= to <= 1000.',
      "Read lessons/07-generators/README.md, 'Exercise: count up, one line at a time'.",
    ],
    demo: { command: ["demo", "7", "exercise"], path: "/07-count-up?to=5" },
  },
  {
    id: "07-number-lines",
    lesson: "07-generators",
    file: "07-generators/number-lines.ts",
    test: "test/exercises/07-generators/number-lines.test.ts",
    title: "A generator middleware that transforms a stream",
    hints: [
      "Follow the demo's shout: your own startResponse notes whether the answer is text/plain and drops its Content-Length; for await over the body, one yield per chunk.",
      'Keep a line counter (0) and an "at line start" flag (true at first) outside the loop; for each character of decoder.decode(chunk, { stream: true }), put the next number and ": " first when the flag is set. Flush with decoder.decode() at the end.',
      "Read lessons/07-generators/README.md, 'Exercise: number the lines of a stream'.",
    ],
    demo: { command: ["demo", "7", "exercise"], path: "/07-number-lines" },
  },
  {
    id: "08-error-page",
    lesson: "08-errors",
    file: "08-errors/error-page.ts",
    test: "test/exercises/08-errors/error-page.test.ts",
    title: "An error page with a reference",
    hints: [
      "Put yield* await app(environ, startResponse) in a try: a generator app fails while its body is read, not when it is called.",
      'In the catch: randomBytes(4).toString("hex") is the reference; log "Error <reference> in <method> <uri>:" and the stack, then startResponse("500 Internal Server Error", headers, error) and yield the page.',
      "Read lessons/08-errors/README.md, 'Exercise: an error page with a reference'.",
    ],
    demo: { command: ["demo", "8", "exercise"], path: "/08-error-page" },
  },
  {
    id: "08-mid-stream",
    lesson: "08-errors",
    file: "08-errors/mid-stream.ts",
    test: "test/exercises/08-errors/mid-stream.test.ts",
    title: "An error in the middle of a stream",
    hints: [
      "Count the bytes you pass on: with sent > 0 the headers went out, and the status can no longer change.",
      "In the catch: log, then either throw the error again (sent > 0) or call startResponse with the error as excInfo and yield the 500 text.",
      "Read lessons/08-errors/README.md, 'Exercise: an error in the middle of a stream'.",
    ],
    demo: { command: ["demo", "8", "exercise"], path: "/08-mid-stream" },
  },
  // Lesson 09.
  {
    id: "09-mount-apps",
    lesson: "09-reuse",
    file: "09-reuse/mount-apps.ts",
    test: "test/exercises/09-reuse/mount-apps.test.ts",
    title: "Mount two apps with the URL map",
    hints: [
      'urlMap({ "/blog": blog, "/shop": shop, "/": home }) from gateway/kit/url-map.ts does the mounting: the longest prefix wins.',
      'Under the map, a request for /blog/ reaches the blog with SCRIPT_NAME "/blog" and PATH_INFO "/". Start the link with environ.SCRIPT_NAME, then "/posts/1".',
      "Read lessons/09-reuse/README.md, 'Exercise: mount two apps'.",
    ],
    demo: { command: ["demo", "9", "exercise"], path: "/09-mount-apps/blog" },
  },
  {
    id: "09-count-visits",
    lesson: "09-reuse",
    file: "09-reuse/count-visits.ts",
    test: "test/exercises/09-reuse/count-visits.test.ts",
    title: "Count visits with sessions",
    hints: [
      'sessionOf(environ) is the visitor\'s session: get("visits") is undefined the first time, so start from Number(... ?? 0) + 1, then set("visits", count).',
      "The session exists only inside sessions(): export visits = sessions({ keys: KEYS })(countVisits). It sends the signed cookie when the app calls startResponse.",
      "Read lessons/09-reuse/README.md, 'Exercise: count visits'.",
    ],
    demo: { command: ["demo", "9", "exercise"], path: "/09-count-visits" },
  },
  {
    id: "09-order-the-stack",
    lesson: "09-reuse",
    file: "09-reuse/order-stack.ts",
    test: "test/exercises/09-reuse/order-stack.test.ts",
    title: "Put the stack in order",
    hints: [
      "A layer sees only what the layers inside it did. To count compressed bytes, the log must be outside compression.",
      "For the 404 page to be compressed, compression must see it: errorDocuments goes inside compression. From the outside in: requestLog, compression, errorDocuments, app.",
      "Read lessons/09-reuse/README.md, 'Exercise: put the stack in order'.",
    ],
    demo: { command: ["demo", "9", "exercise"], path: "/09-order-the-stack/missing" },
  },
  // Lesson 10.
  {
    id: "10-fix-the-invoice",
    lesson: "10-debugger",
    file: "10-debugger/invoice.ts",
    test: "test/exercises/10-debugger/invoice.test.ts",
    title: "Find a bug with the debugger, then fix it",
    hints: [
      "Run npm run demo -- 10 exercise, open http://127.0.0.1:8010/, and type the secret the terminal printed: the failing frame shows its locals.",
      "In the failing frame's console, compare i with lines.length, and look at lines[i]: which index does the loop reach that the list does not have?",
      "Read lessons/10-debugger/README.md, 'Exercise: fix the invoice'.",
    ],
    demo: { command: ["demo", "10", "exercise"], path: "/" },
  },
  {
    id: "10-local-only",
    lesson: "10-debugger",
    file: "10-debugger/local-only.ts",
    test: "test/exercises/10-debugger/local-only.test.ts",
    title: "Let only this machine in",
    hints: [
      "Three checks, all needed: REMOTE_ADDR (drop a leading ::ffff:, then ::1 or 127.x.x.x), HTTP_HOST, and HTTP_ORIGIN only when it is there.",
      "Match the whole Host with one anchored pattern: /^(localhost|127\\.\\d+\\.\\d+\\.\\d+|\\[::1\\])(:\\d+)?$/i; for Origin, put https?:// in front.",
      "Read lessons/10-debugger/README.md, 'Exercise: only from this machine'.",
    ],
    demo: { command: ["demo", "10", "exercise"], path: "/10-local-only" },
  },
  // Lesson 11.
  {
    id: "11-signin-form",
    lesson: "11-sign-in",
    file: "signin/pages/signin.ts",
    test: "test/exercises/11-sign-in/signin-form.test.ts",
    title: "Render the sign-in form",
    hints: [
      'pages/signup.ts is the sign-up form: yours is the same shape, with autocomplete="current-password" and a "Sign in" button.',
      'One html`...` template: an <h1>, the error paragraph only when view.error is set (view.error && html`<p class="error" role="alert">...</p>`), then <form method="post" action=view.action> with the hidden CSRF_FIELD holding view.csrfToken, the username field holding view.username, the password field, a <label for> for each, and a submit button.',
      "Read lessons/11-sign-in/README.md, 'Exercise: the sign-in form'.",
    ],
    demo: { command: ["signin"], path: "/signin" },
  },
  {
    id: "11-read-credentials",
    lesson: "11-sign-in",
    file: "signin/credentials.ts",
    test: "test/exercises/11-sign-in/read-credentials.test.ts",
    title: "Read the username and password from the POSTed form",
    hints: [
      "readForm(environ, { limit }) from gateway/kit/request.ts reads the body and gives a URLSearchParams; it throws the 413, 415 and 400 answers for you.",
      'const form = await readForm(environ, { limit: FORM_LIMIT }); return { username: form.get("username") ?? "", password: form.get("password") ?? "" };',
      "Read lessons/11-sign-in/README.md, 'Exercise: read the credentials'.",
    ],
    demo: { command: ["signin"], path: "/signin" },
  },
  {
    id: "11-check-password",
    lesson: "11-sign-in",
    file: "signin/passwords.ts",
    test: "test/exercises/11-sign-in/check-password.test.ts",
    title: "Check a password against its scrypt hash",
    hints: [
      "parseHash(stored) gives { cost, salt, key } or undefined; derive the candidate with the stored salt and cost, never with today's default.",
      "const key = await (options.derive ?? scryptKey)(password, parsed.salt, parsed.cost); then key.length === parsed.key.length && timingSafeEqual(key, parsed.key) (import timingSafeEqual from node:crypto).",
      "Read lessons/11-sign-in/README.md, 'Exercise: check the password'.",
    ],
    demo: { command: ["signin"], path: "/signin" },
  },
  {
    id: "11-session-user",
    lesson: "11-sign-in",
    file: "signin/session-user.ts",
    test: "test/exercises/11-sign-in/session-user.test.ts",
    title: "Keep the user in a fresh session",
    hints: [
      "sessionOf(environ) is the visitor's session; clear(), regenerate() and set(key, value) are its methods (gateway/kit/sessions/session.ts).",
      "In that order: session.clear(); session.regenerate(); session.set(USER_ID, userId). Clearing after setting would forget the user.",
      "Read lessons/11-sign-in/README.md, 'Exercise: keep the user in the session'.",
    ],
    demo: { command: ["signin"], path: "/" },
  },
  {
    id: "11-safe-next",
    lesson: "11-sign-in",
    file: "signin/safe-redirect.ts",
    test: "test/exercises/11-sign-in/safe-next.test.ts",
    title: "Redirect after sign-in only inside the app",
    hints: [
      'Refuse, don\'t repair: anything that is not plainly a path of this app gives "/".',
      'if (!next?.startsWith("/") || next.startsWith("//")) return "/"; then /[\\\\\\p{Cc}]/u.test(next) catches a backslash or a control character anywhere.',
      "Read lessons/11-sign-in/README.md, 'Exercise: safe redirects after sign-in'.",
    ],
    demo: { command: ["signin"], path: "/signin?next=//evil.example/" },
  },
  {
    id: "11-require-user",
    lesson: "11-sign-in",
    file: "signin/auth.ts",
    test: "test/exercises/11-sign-in/require-user.test.ts",
    title: "Protect the private page with a middleware",
    hints: [
      "A middleware returns an app: check currentUser(environ); for a user, return app(environ, startResponse).",
      'For a visitor: here is environ.PATH_INFO (or "/"), plus "?" and environ.QUERY_STRING when there is one; then throw seeOther(withNext(appUrl(environ, "/signin"), here)).',
      "Read lessons/11-sign-in/README.md, 'Exercise: protect the private page'.",
    ],
    demo: { command: ["signin"], path: "/private" },
  },
  {
    id: "11-sign-out",
    lesson: "11-sign-in",
    file: "signin/routes/signout.ts",
    test: "test/exercises/11-sign-in/sign-out.test.ts",
    title: "Sign out, ending the session on the server",
    hints: [
      "destroy() (not delete(USER_ID)) makes the store forget the session, so a copied cookie is worth nothing.",
      'sessionOf(environ).destroy(); flash(environ, "You are signed out."); throw seeOther(appUrl(environ, "/"));',
      "Read lessons/11-sign-in/README.md, 'Exercise: sign out'.",
    ],
    demo: { command: ["signin"], path: "/" },
  },
  {
    id: "11-csrf",
    lesson: "11-sign-in",
    file: "signin/csrf.ts",
    test: "test/exercises/11-sign-in/csrf.test.ts",
    title: "Refuse forms without the session's CSRF token",
    hints: [
      "Only GET, HEAD and OPTIONS go through unchecked (SAFE_METHODS); every other request must carry the token.",
      'Make checkCsrf async: const form = await readForm(environ, { limit: FORM_LIMIT }); if (!sameToken(form.get(CSRF_FIELD), sessionOf(environ).get(CSRF_TOKEN))) throw forbidden("...");',
      "Read lessons/11-sign-in/README.md, 'Exercise: CSRF protection'.",
    ],
    demo: { command: ["signin"], path: "/signin" },
  },
  // Lesson 12.
  {
    id: "12-fastcgi-record",
    lesson: "12-deployment",
    file: "12-deployment/fastcgi-record.ts",
    test: "test/exercises/12-deployment/fastcgi-record.test.ts",
    title: "Write a FastCGI record by hand",
    hints: [
      "Header, content, padding: the header is 8 bytes (1, type, requestId in two bytes, the content length in two bytes, the padding length, 0), and the padding brings the whole record to a multiple of 8.",
      "const padding = (8 - (content.byteLength % 8)) % 8; const record = Buffer.alloc(8 + content.byteLength + padding) (all zeros); writeUInt8 and writeUInt16BE fill the header, record.set(content, 8) the content. Over 65535 bytes: throw new RangeError(...).",
      "Read lessons/12-deployment/README.md, 'Exercise: write a FastCGI record'.",
    ],
    demo: { command: ["demo", "12", "exercise"], path: "/12-fastcgi-record" },
  },
  {
    id: "12-mount-point",
    lesson: "12-deployment",
    file: "12-deployment/mount-point.ts",
    test: "test/exercises/12-deployment/mount-point.test.ts",
    title: "Tell the app where it is mounted",
    hints: [
      "Trust REQUEST_URI, not SCRIPT_NAME and PATH_INFO: targetVariables(environ.REQUEST_URI).PATH_INFO (gateway/environ.ts) is the whole path, decoded, without the query.",
      'const rest = pathUnder(path, prefix) (gateway/mount-paths.ts); undefined means outside: answer "404 Not Found" in text/plain. Else return app({ ...environ, SCRIPT_NAME: prefix, PATH_INFO: rest }, startResponse).',
      "Read lessons/12-deployment/README.md, 'Exercise: tell the app where it is mounted'.",
    ],
    demo: { command: ["demo", "12", "exercise"], path: "/12-mount-point/hello%20world/x?y=1" },
  },
  // Lesson 13.
  {
    id: "13-shared-counter",
    lesson: "13-many-workers",
    file: "13-many-workers/shared-counter.ts",
    test: "test/exercises/13-many-workers/shared-counter.test.ts",
    title: "One count for every worker",
    hints: [
      "Each worker process builds its own SharedCounter, so a field counts one worker's requests only. The count every worker shares is in this.counts.",
      'const number = await this.counts.increment("requests"); at the top of the (async) app, then add X-Request-Count as before. Remove the #count field.',
      "Read lessons/13-many-workers/README.md, 'Exercise: one count for every worker'.",
    ],
    demo: { command: ["demo", "13", "exercise"], path: "/13-shared-counter" },
  },
  {
    id: "13-count-sign-ins",
    lesson: "13-many-workers",
    file: "13-many-workers/count-sign-ins.ts",
    test: "test/exercises/13-many-workers/count-sign-ins.test.ts",
    title: "A migration on a live table",
    hints: [
      "ALTER TABLE users ADD COLUMN sign_ins ... adds the column; the same statement works in both dialects but for the type's name (INTEGER in SQLite's STRICT tables, integer in PostgreSQL).",
      "The users already in the table need a value: NOT NULL DEFAULT 0 gives them 0, and gives 0 to new rows that do not name the column.",
      "Read lessons/13-many-workers/README.md, 'Exercise: a migration on a live table'.",
    ],
    demo: { command: ["demo", "13", "exercise"], path: "/13-count-sign-ins" },
  },
];

/**
 * The exercise with this id, if any.
 *
 * @example
 * findExercise("05-add-header")?.file; // "05-function-middleware/add-header.ts"
 */
export function findExercise(
  id: string,
  list: readonly Exercise[] = exercises,
): Exercise | undefined {
  return list.find((exercise) => exercise.id === id);
}

/**
 * The exercise whose file this is (a path inside the tree, with `/`), if any.
 * `npm run learn` uses it to rerun the exercise a learner just saved.
 *
 * @example
 * exerciseForFile("05-function-middleware/add-header.ts")?.id; // "05-add-header"
 */
export function exerciseForFile(
  file: string,
  list: readonly Exercise[] = exercises,
): Exercise | undefined {
  return list.find((exercise) => exercise.file === file);
}

/**
 * The exercises of one lesson, in manifest order.
 *
 * @example
 * exercisesOfLesson("05-function-middleware").map((e) => e.id); // ["05-add-header", ...]
 */
export function exercisesOfLesson(
  lesson: string,
  list: readonly Exercise[] = exercises,
): Exercise[] {
  return list.filter((exercise) => exercise.lesson === lesson);
}

/**
 * The validator's checklist: every rule of PEP 3333 it checks, by id.
 *
 * Each rule says what must hold, the PEP 3333 section that says so, a hint
 * a learner can act on, and the lesson section that explains it. The
 * checks live beside this file, one `check*` function per rule (and
 * `warnUnknownMethod` for the one warning), as in cpython's
 * `Lib/wsgiref/validate.py`.
 *
 * @example
 * RULES["header-name"].hint; // 'use letters, digits and "-", ...'
 */

/** The lesson folders whose sections explain a rule, in the order a learner walks them. */
export type Lesson =
  | "01-http-by-hand"
  | "02-cgi-hello-world"
  | "03-gateway-app"
  | "04-many-servers"
  | "05-function-middleware"
  | "06-class-middleware"
  | "07-generators"
  | "08-errors"
  | "09-reuse"
  | "10-debugger"
  | "11-sign-in"
  | "12-deployment";

/** The PEP 3333 sections the rules come from, spelled as in the PEP. */
export type Section =
  | "Specification Details"
  | "environ Variables"
  | "Input and Error Streams"
  | "The start_response() Callable"
  | "Handling the Content-Length Header"
  | "The write() Callable"
  | "Unicode Issues"
  | "Other HTTP Features";

/** One rule of the checklist. */
export interface Rule {
  /** What must hold, as the start of a sentence: "header names must be tokens". */
  readonly must: string;
  readonly section: Section;
  /** One line that says how to fix it. */
  readonly hint: string;
  /** The lesson that teaches the rule, and the heading of the section to read there. */
  readonly lesson: Lesson;
  readonly heading: string;
}

/** Where each group of rules is stated in PEP 3333, and where the workshop teaches it. */
const STATUS_AND_HEADERS = {
  section: "The start_response() Callable",
  lesson: "03-gateway-app",
  heading: "The status and the headers",
} as const;
const BODY = { lesson: "03-gateway-app", heading: "The body is bytes" } as const;
const CONTENT_LENGTH = {
  section: "Handling the Content-Length Header",
  lesson: "03-gateway-app",
  heading: "Content-Length",
} as const;
const ENVIRON = {
  section: "environ Variables",
  lesson: "04-many-servers",
  heading: "What the server puts in the environ",
} as const;
const PATHS = {
  section: "environ Variables",
  lesson: "04-many-servers",
  heading: "SCRIPT_NAME and PATH_INFO",
} as const;
const STREAMS = {
  section: "Input and Error Streams",
  lesson: "04-many-servers",
  heading: "The input and error streams",
} as const;
const GENERATORS = { section: "Specification Details", lesson: "07-generators" } as const;

/** Every rule, by id. */
export const RULES = {
  // How the server calls the app, and the app calls startResponse.
  "app-arguments": {
    section: "Specification Details",
    lesson: "03-gateway-app",
    heading: "An app is a function of two arguments",
    must: "the app must be called with exactly two arguments, environ and startResponse",
    hint: "call it as app(environ, startResponse), with startResponse a function",
  },
  "start-response-arguments": {
    section: "The start_response() Callable",
    lesson: "03-gateway-app",
    heading: "An app is a function of two arguments",
    must: "startResponse must be called with two or three arguments",
    hint: "call startResponse(status, headers), or startResponse(status, headers, error) in an error handler",
  },
  // What the server puts in the environ.
  "environ-object": {
    ...ENVIRON,
    section: "Specification Details",
    must: "the environ must be a plain object",
    hint: 'build it as an object literal, { REQUEST_METHOD: "GET", ... }, not a Map or a class instance',
  },
  "environ-key-missing": {
    ...ENVIRON,
    must: "the environ must hold every required key",
    hint: 'set REQUEST_METHOD, SCRIPT_NAME, PATH_INFO, REQUEST_URI, QUERY_STRING, SERVER_NAME, SERVER_PORT, SERVER_PROTOCOL and the eight gateway.* keys, even when a value is ""',
  },
  "environ-key-empty": {
    ...ENVIRON,
    must: "REQUEST_METHOD, SERVER_NAME and SERVER_PORT must never be empty",
    hint: "take them from the request line and the listening socket, like SERVER_PORT: String(port)",
  },
  "cgi-value-string": {
    ...ENVIRON,
    must: "CGI variables must be strings",
    hint: 'turn numbers into strings, like SERVER_PORT: "8000"; only namespaced keys (with a ".") may hold other types',
  },
  "no-http-content-headers": {
    ...ENVIRON,
    must: "the environ must not hold HTTP_CONTENT_TYPE or HTTP_CONTENT_LENGTH",
    hint: "store these two request headers as CONTENT_TYPE and CONTENT_LENGTH, without the HTTP_ prefix",
  },
  "gateway-key-type": {
    ...ENVIRON,
    must: "each gateway.* key must have its documented type",
    hint: 'version [1, 0]; url_scheme "http" or "https"; input an async iterable; errors with write() and flush(); multithread, multiprocess and run_once booleans; signal an AbortSignal (addSignal in gateway/request-signal.ts)',
  },
  "content-length-request": {
    ...ENVIRON,
    must: "CONTENT_LENGTH must be a whole number of bytes when present",
    hint: 'copy the request\'s Content-Length as it came, like "42", or leave the key out when the request has none',
  },
  "unknown-method": {
    ...ENVIRON,
    must: "REQUEST_METHOD should be a standard HTTP method",
    hint: 'methods are case-sensitive ("GET", not "get"); a custom method is allowed, so this is only a warning',
  },
  "script-name-slash": {
    ...PATHS,
    must: 'SCRIPT_NAME must be empty or start with "/"',
    hint: 'use "" for an app at the root, or the mount path, like "/blog"',
  },
  "script-name-root": {
    ...PATHS,
    must: 'SCRIPT_NAME must never be "/"',
    hint: 'an app mounted at the root has SCRIPT_NAME "" and the whole path in PATH_INFO, like "/"',
  },
  "path-info-slash": {
    ...PATHS,
    must: 'PATH_INFO must be empty or start with "/"',
    hint: 'keep the leading "/" of the path: "/hello", not "hello"',
  },
  // How the app uses gateway.input and gateway.errors.
  "input-read-once": {
    ...STREAMS,
    must: "gateway.input can be read only once",
    hint: 'keep the bytes the first time: const bytes = await collect(environ["gateway.input"])',
  },
  "input-chunk-bytes": {
    ...STREAMS,
    must: "gateway.input must yield Uint8Array chunks",
    hint: "the server must pass the request body on as bytes (a Buffer is a Uint8Array), never as text",
  },
  "errors-text": {
    ...STREAMS,
    must: "gateway.errors.write() takes text only",
    hint: 'write text ending in a newline, like errors.write(error.stack + "\\n"), not an Error or bytes',
  },
  // What the app passes to startResponse.
  "status-format": {
    ...STATUS_AND_HEADERS,
    must: "the status must be a string: three digits, a space and a reason",
    hint: 'write it like "200 OK" or "404 Not Found"',
  },
  "status-control-characters": {
    ...STATUS_AND_HEADERS,
    must: "the status must not hold control characters",
    hint: 'a status is one line of plain text, like "200 OK": no CR, LF or tab',
  },
  "status-code": {
    ...STATUS_AND_HEADERS,
    must: "the status code must be 200 or more: a final answer",
    hint: "use a real HTTP status code, like 200, 303, 404 or 500; a 1xx is an interim answer that only the server sends (100 Continue)",
  },
  "headers-array": {
    ...STATUS_AND_HEADERS,
    must: "the headers must be an array of [name, value] pairs",
    hint: 'pass [["Content-Type", "text/plain"]], not an object like { "Content-Type": "text/plain" }',
  },
  "header-pair": {
    ...STATUS_AND_HEADERS,
    must: "each header must be a [name, value] pair of strings",
    hint: 'write each as ["Name", "value"], turning numbers into strings: ["Content-Length", String(size)]',
  },
  "header-status": {
    ...STATUS_AND_HEADERS,
    must: "the headers must not include a Status header",
    hint: 'give the status as the first argument: startResponse("404 Not Found", headers)',
  },
  "header-name": {
    ...STATUS_AND_HEADERS,
    must: "header names must be tokens",
    hint: 'use letters, digits and "-", starting with a letter and not ending in "-" or "_", like "X-Request-Id"',
  },
  "header-value": {
    ...STATUS_AND_HEADERS,
    must: "header values must not hold control characters",
    hint: "remove CR, LF and tabs: a value copied from the request could otherwise split the response in two",
  },
  "latin-1": {
    ...STATUS_AND_HEADERS,
    section: "Unicode Issues",
    must: "the status and header values must be ISO-8859-1 (latin-1) text",
    hint: "characters past U+00FF cannot go in a header: percent-encode them with encodeURIComponent(), or put the text in the body",
  },
  "hop-by-hop": {
    ...STATUS_AND_HEADERS,
    section: "Other HTTP Features",
    must: "apps must not send hop-by-hop headers",
    hint: "leave Connection, Keep-Alive, Transfer-Encoding, Upgrade and the like to the server",
  },
  "content-type-missing": {
    ...STATUS_AND_HEADERS,
    must: "a response must have a Content-Type header, unless its status is 204 or 304",
    hint: 'add ["Content-Type", "text/plain; charset=utf-8"] (or text/html, application/json, ...)',
  },
  "content-type-forbidden": {
    ...STATUS_AND_HEADERS,
    must: "a 204 or 304 response must not have a Content-Type header",
    hint: "these answers carry no body: drop the Content-Type header",
  },
  "start-response-twice": {
    section: "The start_response() Callable",
    lesson: "08-errors",
    heading: "Calling startResponse again with excInfo",
    must: "startResponse may be called a second time only with excInfo",
    hint: 'pass the error you caught as the third argument: startResponse("500 Internal Server Error", headers, error)',
  },
  // What the app returns, and what the server does with it.
  "body-iterable": {
    ...BODY,
    section: "Specification Details",
    must: "the app must return an iterable of chunks",
    hint: "return an array, even an empty one ([]), or write the app as a generator",
  },
  "body-not-chunk": {
    ...BODY,
    section: "Specification Details",
    must: "the body must be an iterable of chunks, not one string or one Uint8Array",
    hint: "wrap it in an array: return [encode(text)]",
  },
  "chunk-bytes": {
    ...BODY,
    section: "Unicode Issues",
    must: "body chunks must be Uint8Array",
    hint: 'encode text first: yield encode("Hello"), with encode from gateway/bytes.ts',
  },
  "write-bytes": {
    section: "The write() Callable",
    lesson: "03-gateway-app",
    heading: "The write() callable",
    must: "write() takes Uint8Array only",
    hint: 'encode text first: await write(encode("Hello")), with encode from gateway/bytes.ts',
  },
  "start-before-body": {
    ...GENERATORS,
    heading: "Calling startResponse lazily",
    must: "startResponse must be called before the body's first chunk",
    hint: "call it before the first yield (a generator may call it in its first step), or before returning an array",
  },
  "read-after-finish": {
    ...GENERATORS,
    heading: "Finishing the iterator",
    must: "a finished body must not be read again",
    hint: "the server must stop asking for chunks once the body is done or its return() was called",
  },
  "body-finished": {
    ...GENERATORS,
    heading: "Finishing the iterator",
    must: "the server must finish the body iterator",
    hint: "read it to the end, or call its return() when stopping early (for await...of does it on break and throw), so the app's finally blocks run",
  },
  "content-length-header": {
    ...CONTENT_LENGTH,
    must: "Content-Length must be a whole number of bytes",
    hint: "set it to String(bytes.byteLength), the length of the encoded body",
  },
  "content-length-match": {
    ...CONTENT_LENGTH,
    must: "the body must be exactly as long as its Content-Length says",
    hint: "count bytes, not characters: encode first, then String(bytes.byteLength); or leave Content-Length out",
  },
  "content-length-forbidden": {
    ...CONTENT_LENGTH,
    must: "a 204 response must not have a Content-Length header",
    hint: "a 204 has no content, so no length to declare: drop the Content-Length header (RFC 9110, section 8.6)",
  },
  "no-body-allowed": {
    ...CONTENT_LENGTH,
    must: "a 204 or 304 response must not send body bytes",
    hint: "return [] for these statuses",
  },
} as const satisfies Record<string, Rule>;

/** The id of a rule, like "header-name". */
export type RuleId = keyof typeof RULES;

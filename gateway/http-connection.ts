/**
 * One connection of the `node:http` server: its requests in turn, and what
 * Node's parser refuses.
 *
 * A client may send requests one after another on a connection without
 * waiting for each answer ("pipelining"), and the answers must go out in
 * the order the requests came (RFC 9112, section 9.3.2). Node's parser
 * reads ahead, hands each request over as soon as its headers are in, and
 * queues the answers in order. On top of that, this file keeps three rules:
 * - one request at a time: a request behind an answer still under way
 *   waits for its turn, and never runs if the answer before it closes the
 *   connection. An HTTP/1.0 request with a Transfer-Encoding is such a
 *   last request: its framing cannot be trusted (RFC 9112, section 6.1),
 *   so a request smuggled in behind it is never run;
 * - what the parser refuses is answered after the answers before it, then
 *   the connection closes (after an error the parser cannot find where the
 *   next request starts): 400 for a malformed request, 408 for one too
 *   slow to arrive, 431 for headers too large, 501 for a method the server
 *   does not know (RFC 9110, section 15.6.2), CONNECT included;
 * - bytes after a request that closes the connection (`Connection: close`,
 *   or HTTP/1.0) get no answer of their own (RFC 9112, section 9.6).
 *
 * Node keeps the answer that holds a connection in `socket._httpMessage`
 * (not documented, but it is what Node's own `clientError` default reads
 * for the same question), and gives the socket to the next answer in line,
 * with a "socket" event, once the one before has finished. Only this file
 * relies on the two.
 *
 * @example
 * server.on("request", (req, res) => inTurn(req, res, answer));
 * server.on("clientError", answerClientError);
 * server.on("connect", answerConnect);
 */
import type http from "node:http";
import type { Duplex } from "node:stream";

/** What the server does with a request once it is that request's turn. */
export type Answer = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/**
 * Calls `answer(req, res)` when it is this request's turn: at once, unless
 * an answer before it on the connection is still under way.
 * @example server.on("request", (req, res) => inTurn(req, res, answer));
 */
export function inTurn(req: http.IncomingMessage, res: http.ServerResponse, answer: Answer): void {
  if (req.httpVersionMinor === 0 && req.headers["transfer-encoding"] !== undefined) {
    res.shouldKeepAlive = false;
  }
  const socket = res.socket;
  // Waiting: Node hands over the socket once the answers before are out, and never if one
  // closed the connection. The app runs on the next tick, once Node is done handing it over.
  if (socket === null) res.once("socket", () => process.nextTick(answer, req, res));
  else if (socket.writable) answer(req, res);
  // Otherwise the answer before this one has just closed the connection: this one would never go out.
}

/** Connections whose error is being answered: the parser stops at its first error. */
const refused = new WeakSet<Duplex>();

/**
 * Answers a request Node's parser refused, after the answers before it,
 * then closes the connection. Bytes after a request that closed the
 * connection get no answer.
 * @example server.on("clientError", answerClientError);
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (refused.has(socket)) return;
  refused.add(socket);
  refuseAfterAnswers(socket, refusalFor(error));
}

/**
 * Answers a CONNECT request 501, after the answers before it: this server
 * is not a proxy that opens tunnels (RFC 9110, section 9.3.6).
 * @example server.on("connect", answerConnect);
 */
export function answerConnect(_req: http.IncomingMessage, socket: Duplex): void {
  // Node handed the connection over for the tunnel, its error listener gone: without one,
  // a client that resets the connection would stop the server. Read on, to see it close.
  socket.on("error", () => {});
  socket.resume();
  const refusal = plainAnswer(
    "501 Not Implemented",
    "CONNECT asks for a tunnel through a proxy, and this server is not a proxy",
  );
  refuseAfterAnswers(socket, refusal);
}

/** The whole answer to what the parser refused; none for bytes after the last request. */
function refusalFor(error: Error & { code?: string; rawPacket?: Buffer; bytesParsed?: number }) {
  switch (error.code) {
    case "HPE_CLOSED_CONNECTION":
      return undefined;
    case "HPE_HEADER_OVERFLOW":
      return plainAnswer(
        "431 Request Header Fields Too Large",
        "the request headers are too large",
      );
    case "ERR_HTTP_REQUEST_TIMEOUT":
      return plainAnswer("408 Request Timeout", "the request took too long to arrive");
  }
  const method = unknownMethod(error);
  if (method !== undefined) {
    return plainAnswer(
      "501 Not Implemented",
      `this server does not know the method ${method} (methods are case-sensitive, like GET)`,
    );
  }
  return plainAnswer("400 Bad Request", `malformed request (${error.code ?? error.message})`);
}

/** An HTTP token (RFC 9110, section 5.6.2), as a method is. */
const REQUEST_LINE = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+) [^\s]+ HTTP\/1\.[01]\r?$/;

/**
 * The method of a well-formed request line whose method the parser does
 * not know: that is a 501, not a 400. The line is read from the bytes the
 * parser stopped in, so a line split over two packets reads as a 400.
 */
function unknownMethod(error: { code?: string; rawPacket?: Buffer; bytesParsed?: number }) {
  if (error.code !== "HPE_INVALID_METHOD" || error.rawPacket === undefined) return undefined;
  const bytes = error.rawPacket.toString("latin1");
  const start = bytes.lastIndexOf("\n", (error.bytesParsed ?? 0) - 1) + 1;
  const end = bytes.indexOf("\n", start);
  return REQUEST_LINE.exec(bytes.slice(start, end === -1 ? undefined : end))?.[1];
}

function plainAnswer(status: string, reason: string): string {
  const body = `${status}: ${reason}\n`;
  const head = [
    `HTTP/1.1 ${status}`,
    "Content-Type: text/plain; charset=utf-8",
    `Content-Length: ${Buffer.byteLength(body)}`,
    "Connection: close",
  ];
  return `${head.join("\r\n")}\r\n\r\n${body}`;
}

/** Sends the last bytes of the connection, if any, and closes it once they are out. */
function closeWith(socket: Duplex, last: string | undefined): void {
  // Not writable: the answer before closed the connection, as it had to.
  if (!socket.writable) return;
  socket.end(last, () => socket.destroy());
}

/**
 * Sends `refusal` once every answer under way on the connection has
 * finished, then closes the connection. An answer whose request is not in
 * yet is the one the error is in (its body is malformed, or too slow to
 * come): its app will never get the rest, so the refusal takes its place;
 * if that answer is part-way out, the connection is cut, as a refusal in
 * its middle would corrupt it.
 */
function refuseAfterAnswers(socket: Duplex, refusal: string | undefined): void {
  const current = answerUnderWay(socket);
  if (current === undefined) closeWith(socket, refusal);
  // Node gives the socket to the next answer in line before this listener runs.
  else if (current.req.complete) current.once("finish", () => refuseAfterAnswers(socket, refusal));
  else if (current.headersSent) socket.destroy();
  else closeWith(socket, refusal);
}

/** The answer that holds the connection, if one is under way. */
function answerUnderWay(socket: Duplex): http.ServerResponse | undefined {
  return (
    (socket as Duplex & { _httpMessage?: http.ServerResponse | null })._httpMessage ?? undefined
  );
}

/**
 * A raw HTTP client: it writes a request's bytes on a TCP socket and prints
 * every byte that comes back, with CR and LF made visible. It does what
 * `nc` or `telnet` would, on every system (Windows has neither by default).
 *
 * @example
 * // npx tsx lessons/01-http-by-hand/client.ts http://127.0.0.1:8001/hello
 * // npx tsx lessons/01-http-by-hand/client.ts http://127.0.0.1:8001/ --data "name=Ada"
 */
import net from "node:net";
import { parseArgs } from "node:util";
import { showBytes } from "./show-bytes.ts";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { data: { type: "string" } },
});
const url = new URL(positionals[0] ?? "http://127.0.0.1:8001/");

// #region request
const body = Buffer.from(values.data ?? "", "utf8");
const request =
  `${values.data === undefined ? "GET" : "POST"} ${url.pathname}${url.search} HTTP/1.1\r\n` +
  `Host: ${url.host}\r\n` +
  (values.data === undefined
    ? ""
    : `Content-Type: text/plain\r\nContent-Length: ${body.byteLength}\r\n`) +
  "Connection: close\r\n" + // ask the server to hang up after its answer
  "\r\n";
// #endregion request

const socket = net.connect(Number(url.port || 80), url.hostname, () => {
  const bytes = Buffer.concat([Buffer.from(request, "latin1"), body]);
  console.log(`--- sent ${bytes.byteLength} bytes:\n${showBytes(bytes)}`);
  socket.write(bytes);
});
socket.on("data", (bytes) =>
  console.log(`--- got ${bytes.byteLength} bytes:\n${showBytes(bytes)}`),
);
socket.on("end", () => console.log("--- the server closed the connection"));
socket.on("error", (error: NodeJS.ErrnoException) => {
  const hint = error.code === "ECONNREFUSED" ? ": is the server running? (npm run demo -- 1)" : "";
  console.error(`client: ${error.message}${hint}`);
  process.exitCode = 1;
});

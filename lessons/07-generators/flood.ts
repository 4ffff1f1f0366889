/**
 * Back-pressure, made visible: 256 MiB sent two ways.
 *
 * `flood` yields 64 KiB chunks; the server asks for the next one only once
 * the socket has taken the last, so a slow client slows it down and memory
 * stays flat. `writeFlood` calls write() without awaiting it: nothing waits
 * for the socket, and every chunk piles up in the server's memory.
 * `curl --limit-rate 1M -o flood.txt http://127.0.0.1:8007/flood` plays the slow client.
 */
import { encode } from "../../gateway/bytes.ts";
import type { App, Environ } from "../../gateway/types.ts";

const TOTAL_MIB = 256;
const chunk = () => encode(`${".".repeat(63)}\n`.repeat(1024)); // a new 64 KiB chunk

/** One log line per MiB: how much was produced, and how much memory the server holds. */
function report(environ: Environ, name: string, mebibytes: number): void {
  const memory = Math.round(process.memoryUsage().rss / 2 ** 20);
  environ["gateway.errors"].write(
    `${name}: ${mebibytes} MiB produced, server memory ${memory} MiB\n`,
  );
}

// #region flood
export const flood: App = async function* (environ, startResponse) {
  startResponse("200 OK", [["Content-Type", "text/plain; charset=utf-8"]]);
  for (let mebibytes = 1; mebibytes <= TOTAL_MIB; mebibytes++) {
    for (let i = 0; i < 16; i++) yield chunk(); // waits here until the server asks again
    report(environ, "flood", mebibytes);
  }
};
// #endregion flood

// #region write-flood
export const writeFlood: App = (environ, startResponse) => {
  const write = startResponse("200 OK", [["Content-Type", "text/plain; charset=utf-8"]]);
  for (let mebibytes = 1; mebibytes <= TOTAL_MIB; mebibytes++) {
    for (let i = 0; i < 16; i++) void write(chunk()); // the bug: write() not awaited
    report(environ, "writeFlood", mebibytes);
  }
  return [];
};
// #endregion write-flood

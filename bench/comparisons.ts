/**
 * What `npm run bench` compares: each comparison is a baseline, the
 * gateway's server or bridge, and the target it is judged by.
 *
 * - hello: the gateway's `node:http` server against raw `node:http` (and
 *   Express, for scale), judged on req/s, as since the first benchmark;
 * - fastcgi-*: the gateway's FastCGI server against a naive responder
 *   (`servers/fastcgi-naive.ts`), both behind the same web server, judged
 *   on the CPU the FastCGI process spends per request (issue 14);
 * - fetch-*: a gateway app through the Fetch bridge against a plain
 *   `Response` of the same bytes, both on `@hono/node-server`, judged on
 *   CPU per request; fetch-hello also shows a `Response` of text, which
 *   `node:http` sends more cheaply, for scale.
 *
 * @example
 * for (const comparison of pick(COMPARISONS, ["fastcgi"])) await run(comparison);
 */
import type { FrontName } from "./fastcgi/web-servers.ts";
import type { Gate, SideRatio } from "./report.ts";
import { TARGET } from "./report.ts";

/** A server under load: a program in `servers/`, maybe behind a web server. */
export interface Contender {
  /** Its name in the table. */
  name: string;
  /** The program in `bench/servers/`, without `.ts`. */
  server: string;
  /** The web server in front of it, for a FastCGI server. */
  front?: FrontName;
}

/** One comparison: its contenders (the first is the baseline) and its gate. */
export interface Comparison {
  name: string;
  title: string;
  contenders: Contender[];
  /** The path the load asks for, after the server's root. */
  path: string;
  gate: Gate;
  /** Ratios printed beside the verdict, not gated. */
  sideRatios?: SideRatio[];
}

/** The most CPU per request the FastCGI server may use, as a multiple of the naive responder's. */
export const FASTCGI_TARGET = 1.2;

/** The most CPU per request the Fetch bridge may use, as a multiple of a plain `Response`'s. */
export const FETCH_TARGET = 1.15;

function fastcgi(front: FrontName, title: string): Comparison {
  return {
    name: `fastcgi-${front}`,
    title,
    contenders: [
      { name: "naive", server: "fastcgi-naive", front },
      { name: "gateway", server: "fastcgi-gateway", front },
    ],
    path: "",
    gate: { candidate: "gateway", measure: "cpu", target: FASTCGI_TARGET },
  };
}

function fetchBridge(name: string, title: string, path: string, beside: Contender[]): Comparison {
  return {
    name,
    title,
    contenders: [
      { name: "plain", server: "fetch-plain" },
      ...beside,
      { name: "bridge", server: "fetch-bridge" },
    ],
    path,
    gate: { candidate: "bridge", measure: "cpu", target: FETCH_TARGET },
  };
}

/** Every comparison, in the order they run. */
export const COMPARISONS: Comparison[] = [
  {
    name: "hello",
    title:
      "Hello world: raw node:http vs the gateway server (tracing off, and on: traced) vs Express 5",
    contenders: [
      { name: "raw", server: "raw" },
      { name: "gateway", server: "gateway" },
      { name: "traced", server: "traced" },
      { name: "express", server: "express" },
    ],
    path: "",
    gate: { candidate: "gateway", measure: "throughput", target: TARGET },
    sideRatios: [
      {
        server: "traced",
        over: "gateway",
        says: "tracing on; off, the gateway row, runs no tracer code",
      },
    ],
  },
  fastcgi("nginx", "FastCGI behind nginx (a connection per request): naive responder vs gateway"),
  fastcgi(
    "nginx-keepalive",
    "FastCGI behind nginx, fastcgi_keep_conn on: naive responder vs gateway",
  ),
  fastcgi("apache", "FastCGI behind Apache mod_proxy_fcgi: naive responder vs gateway"),
  fetchBridge(
    "fetch-hello",
    "Fetch on @hono/node-server, hello world: plain Response of bytes vs bridge (and text, for scale)",
    "",
    [{ name: "text", server: "fetch-text" }],
  ),
  fetchBridge(
    "fetch-page",
    "Fetch on @hono/node-server, a 16 KiB page: plain Response vs bridge",
    "page",
    [],
  ),
];

/**
 * The comparisons `only` names, by name or by the part before its "-"
 * ("fastcgi" is all three FastCGI rows); all of them when `only` is empty.
 * Throws for a name that matches none.
 * @example pick(COMPARISONS, ["fastcgi", "fetch-page"]).length // 4
 */
export function pick(comparisons: Comparison[], only: string[]): Comparison[] {
  if (only.length === 0) return comparisons;
  for (const name of only) {
    if (!comparisons.some((each) => matches(each, name))) {
      const known = comparisons.map((each) => each.name).join(", ");
      throw new Error(`--only ${name}: no such comparison (there are ${known})`);
    }
  }
  return comparisons.filter((each) => only.some((name) => matches(each, name)));
}

/** Its own name, or its family: the part before the first "-" ("fastcgi-nginx" is not a family). */
function matches(comparison: Comparison, name: string): boolean {
  return comparison.name === name || comparison.name.split("-")[0] === name;
}

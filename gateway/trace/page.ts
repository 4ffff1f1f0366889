/**
 * The trace page: the list of requests, the diagram of the one chosen, and
 * the details of the arrow clicked (the environ a layer got, with what it
 * changed highlighted; the headers; the bytes).
 *
 * The live page gets its traces from the server as they happen (live.ts,
 * server-sent events); the exported page (`?format=html`) carries them in
 * itself, with the same script and style inline, so it works as a single
 * file, offline, in a slide or attached to an issue. Built with the
 * auto-escaping `html` template; the traces go in as JSON that cannot end
 * the script element early.
 *
 * @example
 * htmlResponse(startResponse, "200 OK", tracePage({ title: "Lesson 05 demo", live: true, entries: [] }));
 */
import { readFileSync } from "node:fs";
import { html, type SafeHtml, safe } from "../html.ts";
import type { TraceData } from "./events.ts";

const style = safe(readFileSync(new URL("page.css", import.meta.url), "utf8"));
const script = safe(readFileSync(new URL("page.js", import.meta.url), "utf8"));

/** A trace as the page shows it: its data, and its diagram. */
export interface PageEntry {
  trace: TraceData;
  svg: string;
}

/** What a page shows. */
export interface PageOptions {
  /** What is traced: "lessons/05-function-middleware/demo.ts". */
  title: string;
  /** The page's own address ("/trace"), for its links; undefined for an exported file. */
  base?: string;
  /** True: updates arrive as server-sent events from `base`/events. False: a snapshot. */
  live: boolean;
  entries: PageEntry[];
}

/**
 * The whole page.
 * @example String(tracePage({ title: "app.ts", live: false, entries })).startsWith("<!doctype html>");
 */
export function tracePage({ title, base, live, entries }: PageOptions): SafeHtml {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Trace · ${title}</title>
<style>${style}</style>
</head>
<body>
<header class="top">
<h1>Trace <span class="what">${title}</span></h1>
<p class="status" id="status">${live ? "connecting…" : "a snapshot: not live"}</p>
${base !== undefined && exportLinks(base)}
</header>
<main id="trace" data-base="${base ?? ""}" data-live="${live ? `${base}/events` : ""}">
<nav class="requests" aria-label="Requests">
<h2>Requests</h2>
<label class="follow"><input type="checkbox" id="follow" checked> show each new request</label>
<ol id="list"></ol>
<p class="empty" id="empty">${live ? "No request yet: open the app in another tab, or run curl on it, and each request appears here as it happens." : "No request was traced."}</p>
</nav>
<section class="diagram" aria-label="Diagram">
<h2 id="diagram-title"></h2>
<p class="exports" id="exports"></p>
<div id="diagram"></div>
${legend()}
</section>
<aside class="details" id="details" hidden>
<button type="button" id="close-details" aria-label="Close">×</button>
<div id="details-body"></div>
</aside>
</main>
<script type="application/json" id="entries">${safe(jsonForScript(entries))}</script>
<script>${script}</script>
</body>
</html>
`;
}

function exportLinks(base: string): SafeHtml {
  return html`<p class="export-all">Every trace: <a href="${base}?format=json">JSON</a> · <a href="${base}?format=html" download="traces.html">HTML</a></p>`;
}

function legend(): SafeHtml {
  return html`<p class="legend">
<span class="call">call</span> <span class="respond">startResponse</span> <span class="data">bytes</span>
<span class="quiet">returns, done</span> <span class="warn">excInfo, return()</span> <span class="error">error</span>
<span class="busy">making a chunk</span> <span class="wait">waiting</span> · click an arrow for its details
</p>`;
}

/**
 * JSON that can sit inside a `<script>` element: `<` is written as `\u003c`,
 * so no value can close the element.
 * @example jsonForScript(["</script>"]); // '["\\u003c/script>"]'
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replaceAll("<", "\\u003c");
}

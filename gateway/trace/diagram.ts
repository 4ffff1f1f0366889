/**
 * The picture of a trace: a sequence diagram, as plain SVG.
 *
 * One lane per layer and one for the server (and, at the left edge, the
 * client the server talks to), time running down. Calls, startResponse,
 * chunks and errors are arrows between two lanes, labelled with what they
 * carried; a bar on a lane shows a layer at work on a chunk, or a wait
 * (the client taking the bytes: back-pressure; a `write()` settling; a
 * `finally` block running after `return()`). Errors are red; `excInfo`
 * and `return()` orange. Each arrow is a `<g class="event" data-event="N">`
 * for the page's script to open on click (page.js), with its whole label
 * in a `<title>`. The SVG carries its own style, so the exported file
 * shows the same anywhere (a slide, an issue).
 *
 * @example
 * const svg = String(drawTrace(trace.toJSON())); // "<svg ...>...</svg>"
 */
import { readFileSync } from "node:fs";
import { html, type SafeHtml, safe } from "../html.ts";
import { CLIENT, type TraceData, type TraceEvent } from "./events.ts";
import { duration, label, styleOf } from "./labels.ts";
import { GEOMETRY, type Layout, layOut } from "./layout.ts";

const style = safe(readFileSync(new URL("diagram.css", import.meta.url), "utf8"));
const STYLES = ["call", "respond", "data", "quiet", "warn", "error"];
/** About how many characters of a label fit on a projector between two lanes and a half. */
const LABEL_CHARACTERS = 56;
/** About how wide a character of a label is, in the diagram's units (19px type). */
const CHARACTER_WIDTH = 10;

/**
 * The whole diagram of one trace.
 * @example response.body = [encode(String(drawTrace(data)))];
 */
export function drawTrace(trace: TraceData): SafeHtml {
  const layout = layOut(trace);
  const { width, height } = layout;
  return html`<svg xmlns="http://www.w3.org/2000/svg" class="trace-diagram" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${title(trace)}">
<title>${title(trace)}</title>
<style>${style}</style>
<defs>${STYLES.map(marker)}</defs>
<rect class="background" width="${width}" height="${height}"/>
${lanes(trace, layout)}
${bars(trace, layout)}
${trace.events.map((event, index) => drawEvent(trace, layout, event, index))}
${times(trace, layout)}
</svg>`;
}

/** A trace in a few words: its request and its outcome ("#3 GET /hello → 200 OK"). */
function title(trace: TraceData): string {
  const outcome = trace.status ?? (trace.done ? "no answer" : "…");
  return `#${trace.id} ${trace.method} ${trace.uri} → ${outcome}`;
}

function marker(kind: string): SafeHtml {
  return html`<marker id="trace-arrow-${kind}" class="${kind}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" markerHeight="9" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"/></marker>`;
}

/** The lane names at the top, and a line down from each. */
function lanes(trace: TraceData, layout: Layout): SafeHtml[] {
  const names = ["client", ...trace.lanes.map((lane) => lane.name)];
  return names.map((name, i) => {
    const x = layout.x(i - 1);
    const kind = i === 0 ? "lane client" : i === 1 ? "lane server" : "lane";
    return html`<g class="${kind}" data-lane="${i - 1}">
<line x1="${x}" y1="${GEOMETRY.top - 30}" x2="${x}" y2="${layout.height - 10}"/>
<rect x="${x - (i === 0 ? 50 : 92)}" y="12" width="${i === 0 ? 100 : 184}" height="44" rx="6"/>
<text x="${x}" y="41">${cut(name, i === 0 ? 8 : 16)}</text>
</g>`;
  });
}

/** Bars on the lanes: a layer making a chunk, and waits. */
function bars(trace: TraceData, layout: Layout): SafeHtml[] {
  const drawn: SafeHtml[] = [];
  trace.events.forEach((event, index) => {
    const y = layout.rows[index]?.y ?? 0;
    if (event.kind === "pull") {
      const end = findAnswer(trace.events, index);
      const until = end === -1 ? layout.height - GEOMETRY.bottom : (layout.rows[end]?.y ?? y);
      drawn.push(bar("busy", layout.x(event.to), y - GEOMETRY.row / 2, until));
    }
    if ("until" in event && event.until !== undefined) {
      const lane = event.kind === "close" ? event.to : event.from;
      const until = Math.max(layout.yAt(event.until), y + 6);
      const waited = event.until - event.t;
      const note = waited >= 1 ? `${waitName(event)} ${duration(waited)}` : "";
      drawn.push(bar("wait", layout.x(lane), y, until, note));
    }
  });
  return drawn;
}

function bar(kind: string, x: number, from: number, to: number, note = ""): SafeHtml {
  const height = Math.max(to - from, 4);
  return html`<g class="bar ${kind}"><rect x="${x - 6}" y="${from}" width="12" height="${height}"/>${
    note && html`<text x="${x + 12}" y="${from + Math.min(height, 30) / 2 + 5}">${note}</text>`
  }</g>`;
}

function waitName(event: TraceEvent): string {
  if (event.kind === "send") return "client took it in";
  if (event.kind === "close") return "finally ran for";
  return "settled after";
}

/** The event that answers a pull: the layer's next chunk, its end, or its error. */
function findAnswer(events: TraceEvent[], pull: number): number {
  const lane = events[pull]?.to;
  return events.findIndex(
    (event, i) =>
      i > pull &&
      event.from === lane &&
      (event.kind === "chunk" || event.kind === "end" || event.kind === "error"),
  );
}

/** One event: an arrow with its label (or, for a pull, nothing: its bar says it). */
function drawEvent(trace: TraceData, layout: Layout, event: TraceEvent, index: number): SafeHtml {
  if (event.kind === "pull") return html``;
  const y = layout.rows[index]?.y ?? 0;
  const from = layout.x(event.from);
  const to = layout.x(event.to);
  const text = label(event) + caughtNote(trace, event, index);
  const shown = cut(text, LABEL_CHARACTERS);
  const kind = styleOf(event);
  const passedOn = event.kind === "start-response" && event.origin !== event.from;
  // Centred on the arrow, but kept inside the picture.
  const half = (shown.length * CHARACTER_WIDTH) / 2;
  const middle = Math.min(
    Math.max((from + to) / 2, layout.x(CLIENT) - GEOMETRY.clientGap + half),
    layout.width - 8 - half,
  );
  return html`<g class="event ${kind}${passedOn ? " passed-on" : ""}" data-event="${index}" tabindex="0">
<title>${text}</title>
<line class="hit" x1="${from}" y1="${y}" x2="${to}" y2="${y}"/>
<line class="arrow" x1="${from}" y1="${y}" x2="${to + (to > from ? -3 : 3)}" y2="${y}" marker-end="url(#trace-arrow-${kind})"/>
<text x="${middle}" y="${y - 8}">${shown}</text>
</g>`;
}

/** " (caught here)" on the last arrow of an error that a layer stopped. */
function caughtNote(trace: TraceData, event: TraceEvent, index: number): string {
  if (event.kind !== "error") return "";
  const path = trace.errors.find((error) => error.id === event.error.id);
  const last = trace.events.findLastIndex(
    (other) => other.kind === "error" && other.error.id === event.error.id,
  );
  return path?.caught && last === index ? " (caught here)" : "";
}

/** Each row's time on the left, and the length of the pauses worth noting. */
function times(trace: TraceData, layout: Layout): SafeHtml[] {
  const x = GEOMETRY.timeColumn;
  return trace.events.map((event, index) => {
    const row = layout.rows[index];
    if (row === undefined || event.kind === "pull") return html``;
    const pause =
      row.pause === undefined
        ? html``
        : html`<text class="pause" x="${x}" y="${row.y - GEOMETRY.row + 2}">⋯ ${duration(row.pause)}</text>`;
    return html`${pause}<text class="time" x="${x}" y="${row.y + 5}">${duration(event.t)}</text>`;
  });
}

function cut(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

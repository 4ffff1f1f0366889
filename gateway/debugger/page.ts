/**
 * The debugger's HTML page: the error, each frame with its source and
 * locals, a console per frame, and the request.
 *
 * Built with the auto-escaping `html` template, like every page here: error
 * messages, source lines and previews are text from the app, and must never
 * become markup. Frames of your code are open; frames of Node, of packages
 * and of this toolkit are folded, one click away. Locals arrive in the page
 * only when this request carried the secret; otherwise the page's script
 * (client.js) asks for them, with the secret you type, as JSON.
 *
 * @example
 * return htmlResponse(startResponse, "500 Internal Server Error", renderPage(view));
 */
import { readFileSync } from "node:fs";
import { html, type SafeHtml, safe } from "../html.ts";
import type { Frame } from "./frames.ts";
import { NO_SECRET, SECRET_HEADER } from "./guard.ts";
import { displayFile, localEntries, notes, reportUrl, type View } from "./view.ts";

const style = safe(readFileSync(new URL("page.css", import.meta.url), "utf8"));
const script = safe(readFileSync(new URL("client.js", import.meta.url), "utf8"));

/**
 * The whole page for one report.
 * @example String(renderPage(view)).includes("<h1>"); // true
 */
export function renderPage(view: View): SafeHtml {
  const { report } = view;
  const url = reportUrl(view.scriptName, report.id);
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${report.name}: ${report.message} · debugger</title>
<style>${style}</style>
</head>
<body>
<main id="debugger" data-report="${url}">
<header>
<h1><span class="name">${report.name}:</span> ${report.message}</h1>
<p>${report.request.method} ${report.request.path} · error ${report.id}, ${report.time.toISOString()} ·
<a href="${url}">this error's own page</a></p>
</header>
${secretForm(view)}
${notes(report).map((note) => html`<p class="note">${note}</p>`)}
<section class="frames">
<h2>Frames, innermost first</h2>
${report.frames.map((frame, index) => frameSection(view, frame, index))}
</section>
${requestSection(view)}
<details class="stack"><summary>error.stack</summary><pre>${report.stack}</pre></details>
${otherErrors(view)}
</main>
<script>${script}</script>
</body>
</html>
`;
}

/**
 * Shown even when this answer holds locals: the consoles need the secret in the page.
 *
 * The field has no `name`, so the form itself can never send the secret:
 * without the script, submitting it sends nothing. The script (client.js)
 * sends it in the header, the one place the guard reads it: a page on
 * another site can make a browser put anything in a URL, a cookie or a
 * form post, but not in a header of its own.
 */
function secretForm(view: View): SafeHtml {
  const status = view.showLocals
    ? "Locals are shown. Type the secret printed on the server's terminal to use the consoles"
    : view.hiddenBecause === NO_SECRET
      ? "Locals are hidden. Type the secret printed on the server's terminal to see them"
      : view.hiddenBecause;
  return html`<form class="secret" id="unlock">
<label>Secret <input type="password" id="secret" autocomplete="off" required></label>
<button>Show locals</button>
<p class="status" id="unlock-status">${status.charAt(0).toUpperCase()}${status.slice(1)}.</p>
<p class="why">This page sends it in an <code>${SECRET_HEADER}</code> header, never in the address,
a cookie or a form: the header is what keeps other sites' pages away from this debugger.
It stays in this page only; type it again after a reload.</p>
</form>`;
}

function frameSection(view: View, frame: Frame, index: number): SafeHtml {
  const classes = `frame ${frame.app ? "app" : "library"} ${frame.kind}`;
  return html`<details class="${classes}" data-frame="${index}" ${safe(frame.app ? "open" : "")}>
<summary><code>${frame.functionName}</code> <span class="where">${displayFile(frame.file)}:${frame.line}:${frame.column}</span>${frame.kind === "async" && html` <span class="badge">async</span>`}</summary>
${sourceBlock(frame)}
${frameLocals(view, frame, index)}
</details>`;
}

function sourceBlock(frame: Frame): SafeHtml {
  if (frame.source === undefined) return html`<p class="note">No source for this frame.</p>`;
  const { firstLine, lines } = frame.source;
  const rows = lines.map((text, i) => {
    const number = firstLine + i;
    const mark = number === frame.line ? " current" : "";
    return html`<span class="line${mark}"><span class="number">${number}</span>${text}</span>`;
  });
  return html`<pre class="source">${rows}</pre>`;
}

/** Why a frame has no locals, by where its facts come from. */
const NO_LOCALS = {
  live: "Locals are kept for your own code only: keeping them costs time at every throw.",
  async: "This function was waiting at an await: it had no frame, so no locals.",
  stack: "Known from error.stack only: the debugger did not see this error thrown.",
};

function frameLocals(view: View, frame: Frame, index: number): SafeHtml {
  if (frame.locals === undefined) return html`<p class="note">${NO_LOCALS[frame.kind]}</p>`;
  const rows = localEntries(view, frame).map(
    ([name, value]) => html`<tr><th>${name}</th><td><pre>${value}</pre></td></tr>`,
  );
  return html`<div class="locals" data-frame="${index}">${
    view.showLocals
      ? html`<table>${rows}</table>`
      : html`<p class="hidden">Locals are hidden until you give the secret.</p>`
  }</div>
<form class="console" data-frame="${index}" action="${reportUrl(view.scriptName, view.report.id)}/frames/${index}/console">
<fieldset disabled>
<input name="expression" placeholder="an expression with this frame's variables, then Enter" autocomplete="off" aria-label="expression">
<button>Run</button>
</fieldset>
</form>
<pre class="console-output" data-frame="${index}"></pre>`;
}

function requestSection(view: View): SafeHtml {
  const { method, path, headers } = view.report.request;
  const rows = headers.map(([name, value]) => html`<tr><th>${name}</th><td>${value}</td></tr>`);
  return html`<section class="request"><h2>Request</h2>
<p><code>${method} ${path}</code></p>
<table>${rows}</table>
</section>`;
}

function otherErrors(view: View): SafeHtml {
  if (view.others.length === 0) return html``;
  const links = view.others.map(
    (other) =>
      html`<li><a href="${reportUrl(view.scriptName, other.id)}">error ${other.id}</a>: ${other.name}: ${other.message}</li>`,
  );
  return html`<nav class="others"><h2>Other errors still kept</h2><ul>${links}</ul></nav>`;
}

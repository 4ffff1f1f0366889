/**
 * The page shell every workshop page shares: head, site header, main, footer.
 *
 * Links start from `root`, the app's `SCRIPT_NAME`, so the home still links
 * right when it is mounted under a prefix (PEP 3333, "URL Reconstruction").
 * The header links to each part of the home (the lessons, the slides, the
 * learner's progress) from `sections`: a new part adds its entry there.
 *
 * @example
 * layout({ root: "", title: "Lessons", content: html`<h1>Lessons</h1>` });
 */
import { html, type SafeHtml } from "../gateway/html.ts";
import { urlFor } from "./urls.ts";

/** What one page puts in the shell. */
export interface PageParts {
  /** The `SCRIPT_NAME` the app is mounted at: "" at the site's root. */
  root: string;
  /** The page's own title; the site name is added after it. */
  title: string;
  content: SafeHtml;
}

const SITE_NAME = "The Gateway Interface workshop";

/** The home's parts, as links in the header: [label, path under the root]. */
const sections: Array<[label: string, path: string]> = [
  ["Lessons", "/"],
  ["Slides", "/slides/"],
  ["Your progress", "/progress"],
  ["Instructor's guide", "/guide"],
];

/**
 * A whole HTML document around `content`.
 * @example htmlResponse(startResponse, "200 OK", layout({ root, title, content }));
 */
export function layout({ root, title, content }: PageParts): SafeHtml {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${SITE_NAME}</title>
<link rel="icon" href="${urlFor(root, "/favicon.svg")}" type="image/svg+xml">
<link rel="stylesheet" href="${urlFor(root, "/style.css")}">
<link rel="stylesheet" href="${urlFor(root, "/code.css")}">
</head>
<body>
<header class="site">
<a class="site-name" href="${urlFor(root, "/")}">${SITE_NAME}</a>
<nav>${sections.map(([label, path]) => html`<a href="${urlFor(root, path)}">${label}</a>`)}</nav>
</header>
<main>
${content}
</main>
<footer class="site">PEP 3333, ported to TypeScript: one interface between servers and apps.</footer>
</body>
</html>
`;
}

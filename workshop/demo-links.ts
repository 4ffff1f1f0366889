/**
 * Demo links that follow the demo: a lesson's "open http://127.0.0.1:8003/"
 * goes through the home, which knows where lesson 03's demo runs now.
 *
 * The READMEs name each demo's default address (8000 + the lesson number),
 * as the demo prints it, and GitHub shows them so. On the home such a link
 * becomes `/demos/03/PATH?QUERY`; that page (demos-page.ts) sends the browser
 * to the running demo, on whatever port it took, or says how to start it.
 * A demo's trace page (`--trace`) is 100 ports further, 8103 for lesson 03:
 * a link to it becomes `/traces/03/PATH`, which follows the trace page in
 * the same way. A link to port 8000 is the home itself.
 *
 * @example
 * demoLink("", "http://127.0.0.1:8003/?name=Ada"); // "/demos/03/?name=Ada"
 * demoLink("", "https://peps.python.org/pep-3333/"); // unchanged
 */
import { urlFor } from "./urls.ts";

/** Loopback, on 8000 to 8199: the home, the lessons' default demo ports and their trace pages'. */
const DEMO_ADDRESS =
  /^http:\/\/(?:127\.0\.0\.1|localhost):8([01])(\d\d)(\/[^?#]*)?(\?[^#]*)?(#.*)?$/;

/**
 * The address the home should link to instead of `href`: a demo's goes
 * through `/demos/NN/`, the home's own is made relative to `root`, and any
 * other is left as it is.
 * @example demoLink("/workshop", "http://127.0.0.1:8012/app/hello"); // "/workshop/demos/12/app/hello"
 * @example demoLink("", "http://127.0.0.1:8103/trace"); // "/traces/03/trace"
 */
export function demoLink(root: string, href: string): string {
  const match = DEMO_ADDRESS.exec(href);
  if (match === null) return href;
  const [, hundred, number = "", path = "/", query = "", fragment = ""] = match;
  // The path stays as the README wrote it: already in URL form, so not encoded again.
  const folder = hundred === "1" ? "traces" : "demos";
  const base = urlFor(root, number === "00" && folder === "demos" ? "" : `/${folder}/${number}`);
  return `${base}${path}${query}${fragment}`;
}

/**
 * A demo's default address, or its trace page's, as a lesson writes it.
 * @example defaultDemoUrl("03", "/a?b=1"); // "http://127.0.0.1:8003/a?b=1"
 * @example defaultDemoUrl("03", "/trace", true); // "http://127.0.0.1:8103/trace"
 */
export function defaultDemoUrl(number: string, pathAndQuery: string, trace = false): string {
  return `http://127.0.0.1:8${trace ? 1 : 0}${number}${pathAndQuery}`;
}

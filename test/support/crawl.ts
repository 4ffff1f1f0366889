/**
 * A crawler for the workshop home: every page reachable from a start page
 * by its links, fetched through the in-process test client.
 *
 * It follows what a browser would: `href` and `src` attributes of pages,
 * and the links inside a deck's Markdown, which reveal.js turns into links
 * only in the browser. It stays on the home (links to other sites and to
 * the demos' own ports are not followed), reads pages only as HTML, and
 * records for each link the page it was found on, so a failure names both.
 *
 * @example
 * const pages = await crawl(new TestClient(homeApp()), "/");
 * pages.filter((page) => page.status >= 400);
 */
import { Marked } from "marked";
import type { TestClient } from "../../gateway/test-client.ts";

/** One fetched address, what answered, and where it was linked from. */
export interface CrawledPage {
  url: string;
  status: number;
  from: string;
  /** The ids in the page, for fragment links (`#exercise-add-a-header`). */
  ids: Set<string>;
  /** Links to fragments of this page, from other pages or itself: [fragment, from]. */
  fragments: Array<[fragment: string, from: string]>;
}

const ATTRIBUTE = /\s(?:href|src)="([^"]*)"/g;
const TEXTAREA = /<textarea data-template>([\s\S]*?)<\/textarea>/g;
const ID = /\sid="([^"]*)"/g;
const SITE = "http://home.test";

/**
 * Every page reachable from `start`, each fetched once (redirects within the home followed).
 * @example const pages = await crawl(client, "/");
 */
export async function crawl(client: TestClient, start: string): Promise<CrawledPage[]> {
  const pages = new Map<string, CrawledPage>();
  const queue: Array<[url: string, from: string]> = [[start, "(start)"]];
  while (queue.length > 0) {
    const [address, from] = queue.shift() as [string, string];
    const { pathname, search, hash } = new URL(address, SITE);
    const url = `${pathname}${search}`;
    const known = pages.get(url);
    if (known !== undefined) {
      if (hash.length > 1) known.fragments.push([decodeURIComponent(hash.slice(1)), from]);
      continue;
    }
    const response = await client.get(url);
    const page: CrawledPage = {
      url,
      status: response.statusCode,
      from,
      ids: new Set(),
      fragments: [],
    };
    if (hash.length > 1) page.fragments.push([decodeURIComponent(hash.slice(1)), from]);
    pages.set(url, page);
    const location = response.header("Location");
    if (location !== undefined) {
      if (sameSite(location, url)) queue.push([new URL(location, SITE + url).href, url]);
      continue;
    }
    if (!(response.header("Content-Type") ?? "").startsWith("text/html")) continue;
    page.ids = new Set(
      [...response.text.matchAll(ID)].map((match) => decodeEntities(match[1] ?? "")),
    );
    for (const link of linksIn(response.text)) {
      if (sameSite(link, url)) queue.push([new URL(link, SITE + url).href, url]);
    }
  }
  return [...pages.values()];
}

/** The addresses a page links to, a deck's Markdown links included. */
function linksIn(html: string): string[] {
  const attributes = [...html.matchAll(ATTRIBUTE)].map((match) => decodeEntities(match[1] ?? ""));
  const decks = [...html.matchAll(TEXTAREA)].flatMap((match) => {
    const rendered = new Marked({ gfm: true }).parse(decodeEntities(match[1] ?? ""), {
      async: false,
    });
    return linksIn(rendered);
  });
  return [...attributes, ...decks];
}

/** Whether `link`, found on `page`, points into the home (not another site, port or scheme). */
function sameSite(link: string, page: string): boolean {
  if (link === "" || link.startsWith("#/")) return false; // reveal.js's slide addresses
  return new URL(link, SITE + page).origin === SITE;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, "&");
}

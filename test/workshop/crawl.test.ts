import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { html } from "../../gateway/html.ts";
import { TestClient } from "../../gateway/test-client.ts";
import type { App } from "../../gateway/types.ts";
import { homeApp } from "../../workshop/home.ts";
import type { ExerciseRunner } from "../../workshop/learn/run-test.ts";
import { type CrawledPage, crawl } from "../support/crawl.ts";

/** Every exercise passes at once: the crawl is about links, not about running tests. */
const passingRunner: ExerciseRunner = {
  async run(tests, events) {
    const passed = { passed: true, output: "" };
    for (const test of tests) events?.onOutcome?.(test, passed);
    return new Map(tests.map((test) => [test, passed]));
  },
  close: async () => {},
};

let notesDir: string;
let pages: CrawledPage[];

beforeAll(async () => {
  // No demo runs: each demo link lands on the page that says how to start it.
  notesDir = await mkdtemp(join(tmpdir(), "crawl-demos-"));
  const client = new TestClient(homeApp({ runner: passingRunner, runningDemosDir: notesDir }));
  pages = await crawl(client, "/");
});

afterAll(async () => {
  await rm(notesDir, { recursive: true, force: true });
});

describe("a crawl of the workshop home from its first page", () => {
  it("reaches every part: lessons, their files, solutions/, the exercises, the guide, the slides, the demos' pages", () => {
    const urls = pages.map((page) => page.url);
    for (const part of [
      "/lessons/11-sign-in/",
      "/lessons/12-deployment/nginx/nginx.conf.template",
      "/solutions/signin/app.ts",
      "/slides/",
      "/slides/12-deployment",
      "/progress",
      "/guide",
      "/exercises/11-signin-form",
      "/demos/03/",
      "/traces/12/trace",
      "/favicon.svg",
      "/code.css",
    ]) {
      expect(urls, part).toContain(part);
    }
  });

  it("finds no link that answers 404, or any other error", () => {
    const broken = pages
      .filter((page) => page.status >= 400)
      .map((page) => `${page.status} ${page.url}, linked from ${page.from}`);
    expect(broken).toEqual([]);
  });

  it("finds no link to a section that the page does not have", () => {
    const missing = pages.flatMap((page) =>
      page.status === 200
        ? page.fragments
            .filter(([fragment]) => !page.ids.has(fragment))
            .map(([fragment, from]) => `${page.url}#${fragment}, linked from ${from}`)
        : [],
    );
    expect(missing).toEqual([]);
  });
});

describe("the crawler", () => {
  /** Two pages: the first links to the second, to a page that is not there, and to sections. */
  const site: App = (environ, startResponse) => {
    const page = (body: ReturnType<typeof html>) => {
      startResponse("200 OK", [["Content-Type", "text/html; charset=utf-8"]]);
      return [new TextEncoder().encode(String(body))];
    };
    if (environ.PATH_INFO === "/") {
      return page(html`<a href="other#there">ok</a> <a href="/gone">gone</a>
<a href="#nowhere">no such section</a> <a href="http://elsewhere.test/">another site</a>
<textarea data-template>[in a deck](/deck-link)</textarea>`);
    }
    if (environ.PATH_INFO === "/other") return page(html`<h2 id="there">There</h2>`);
    startResponse("404 Not Found", [["Content-Type", "text/plain"]]);
    return [];
  };

  it("reports a link that answers 404 with the page it was found on, and follows a deck's Markdown links", async () => {
    const found = await crawl(new TestClient(site), "/");
    const byUrl = new Map(found.map((page) => [page.url, page]));
    expect(byUrl.get("/gone")).toMatchObject({ status: 404, from: "/" });
    expect(byUrl.get("/deck-link")).toMatchObject({ status: 404, from: "/" });
    expect(byUrl.get("/other")?.fragments).toEqual([["there", "/"]]);
    expect([...byUrl.keys()].sort()).toEqual(["/", "/deck-link", "/gone", "/other"]);
  });

  it("records a link to a section so that a missing one can be named", async () => {
    const [home] = await crawl(new TestClient(site), "/");
    expect(home?.fragments).toEqual([["nowhere", "/"]]);
    expect(home?.ids.has("nowhere")).toBe(false);
  });
});

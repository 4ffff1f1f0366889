import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClient } from "../../gateway/test-client.ts";
import { homeApp } from "../../workshop/home.ts";
import { readDeck } from "../../workshop/slides.ts";

const lessonsDir = fileURLToPath(new URL("../fixtures/lessons/", import.meta.url));
let root: string;
let slidesDir: string;
let client: TestClient;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "slides-"));
  slidesDir = join(root, "slides");
  await mkdir(slidesDir);
  await writeFile(join(slidesDir, "README.md"), "# How to present\n");
  await writeFile(join(slidesDir, "02-apps.md"), "# Apps & servers\n\n---\n\n## Two\n");
  await writeFile(
    join(slidesDir, "01-http.md"),
    "# HTTP by hand\n\nA trap: </textarea><script>alert('out')</script> & more\n",
  );
  await writeFile(join(slidesDir, "notes.txt"), "not a deck");
  // Files a name could reach if it were not checked: a hidden one, and one
  // outside the folder ("..\\outside" is a file name on POSIX, a path on Windows).
  await writeFile(join(slidesDir, ".secret.md"), "# Secret\n");
  await writeFile(join(root, "outside.md"), "# Outside\n");
  await writeFile(join(slidesDir, "..\\outside.md"), "# Outside\n");
  client = new TestClient(homeApp({ slidesDir }));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("the list of decks", () => {
  it("links to every Markdown deck but the README, in order, titled by its first heading", async () => {
    const response = await client.get("/slides/");
    expect(response.status).toBe("200 OK");
    expect(response.header("Content-Type")).toBe("text/html; charset=utf-8");
    const decks = [...response.text.matchAll(/<li><a href="([^"]*)">([^<]*)<\/a><\/li>/g)];
    expect(decks.map((match) => [match[1], match[2]])).toEqual([
      ["/slides/01-http", "HTTP by hand"],
      ["/slides/02-apps", "Apps &amp; servers"],
    ]);
  });

  it("is a section of the header on every page", async () => {
    const home = new TestClient(homeApp({ lessonsDir, slidesDir, exercises: [] }));
    for (const path of ["/", "/progress", "/slides/", "/lessons/01-first-steps/"]) {
      const { statusCode, text } = await home.get(path);
      expect(statusCode, path).toBe(200);
      expect(text, path).toContain('<a href="/slides/">Slides</a>');
    }
  });

  it("redirects /slides to /slides/", async () => {
    const response = await client.get("/slides");
    expect(response.status).toBe("301 Moved Permanently");
    expect(response.header("Location")).toBe("/slides/");
  });

  it("says there are no decks yet when the folder does not exist", async () => {
    const empty = new TestClient(homeApp({ slidesDir: join(slidesDir, "missing") }));
    const { text } = await empty.get("/slides/");
    expect(text).toContain("No decks yet");
  });
});

describe("a deck's page", () => {
  it("loads reveal.js, its theme and its plugins from the home, not from a CDN", async () => {
    const { status, text } = await client.get("/slides/01-http");
    expect(status).toBe("200 OK");
    for (const file of ["reveal.css", "theme/white.css"]) {
      expect(text).toContain(`<link rel="stylesheet" href="/slides/reveal/${file}">`);
    }
    expect(text, "code in the home's high-contrast colours").toContain(
      '<link rel="stylesheet" href="/code.css">',
    );
    for (const file of [
      "reveal.js",
      "plugin/markdown.js",
      "plugin/highlight.js",
      "plugin/notes.js",
    ]) {
      expect(text).toContain(`<script src="/slides/reveal/${file}"></script>`);
    }
    expect(text).toContain("plugins: [RevealMarkdown, RevealHighlight, RevealNotes]");
    expect(text).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it("embeds the deck's Markdown in a textarea for reveal.js's Markdown plugin", async () => {
    const { text } = await client.get("/slides/02-apps");
    expect(text).toContain("<title>Apps &amp; servers · Slides");
    expect(text).toContain(
      "<textarea data-template>\n# Apps &amp; servers\n\n---\n\n## Two\n\n</textarea>",
    );
  });

  it("escapes the Markdown, so a deck holding </textarea><script> cannot break out", async () => {
    const { text } = await client.get("/slides/01-http");
    expect(text).toContain(
      "&lt;/textarea&gt;&lt;script&gt;alert(&#39;out&#39;)&lt;/script&gt; &amp; more",
    );
    expect(text.match(/<\/textarea>/g)).toHaveLength(1);
    expect(text).not.toContain("alert('out')");
  });

  it("is not found for a deck that does not exist, the README, or a name that is not a deck's", async () => {
    for (const path of [
      "/slides/03-missing",
      "/slides/README",
      "/slides/notes",
      "/slides/.secret",
      "/slides/..%5Coutside",
      "/slides/..%2f01-http",
    ]) {
      const response = await client.get(path);
      expect(response.statusCode, path).toBe(404);
      expect(response.text).toContain("There is no page at");
    }
  });

  it("answers HEAD with the headers of a GET and no body", async () => {
    const get = await client.get("/slides/01-http");
    const head = await client.request("HEAD", "/slides/01-http");
    expect(head.status).toBe("200 OK");
    expect(head.header("Content-Length")).toBe(get.header("Content-Length"));
    expect(head.body.byteLength).toBe(0);
  });

  it("builds every link from SCRIPT_NAME when the home is mounted under a prefix", async () => {
    const mounted = { environ: { SCRIPT_NAME: "/workshop" } };
    const deck = await client.get("/slides/01-http", mounted);
    expect(deck.text).toContain('href="/workshop/slides/reveal/reveal.css"');
    expect(deck.text).toContain('src="/workshop/slides/reveal/reveal.js"');
    expect(deck.text).not.toMatch(/(src|href)="\/(?!workshop\/)/);
    const list = await client.get("/slides/", mounted);
    expect(list.text).toContain('<a href="/workshop/slides/01-http">HTTP by hand</a>');
    expect(list.text).not.toMatch(/href="\/(?!workshop\/)/);
  });
});

describe("readDeck", () => {
  it("reads a deck by its name, titled by its first heading", async () => {
    expect(await readDeck(slidesDir, "02-apps")).toEqual({
      name: "02-apps",
      title: "Apps & servers",
      markdown: "# Apps & servers\n\n---\n\n## Two\n",
    });
  });

  it("finds no deck for a hidden name, or one with a slash or a backslash, though such files exist", async () => {
    for (const name of [".secret", "../outside", "..\\outside", "x\\..\\..\\outside"]) {
      expect(await readDeck(slidesDir, name), name).toBeUndefined();
    }
  });
});

describe("a lesson page", () => {
  it("links to the lesson's deck, under the README, when there is one, and not when there is none", async () => {
    const decks = join(root, "lesson-decks");
    await mkdir(decks);
    await writeFile(join(decks, "01-first-steps.md"), "# First steps, the talk\n");
    const home = new TestClient(homeApp({ lessonsDir, slidesDir: decks }));
    const mounted = { environ: { SCRIPT_NAME: "/workshop" } };
    const { text } = await home.get("/lessons/01-first-steps/", mounted);
    const link =
      '<a class="slides" href="/workshop/slides/01-first-steps">The slides for this lesson</a>';
    expect(text).toContain(link);
    expect(text.indexOf(link)).toBeGreaterThan(text.indexOf("</article>"));
    const without = await home.get("/lessons/02-second-step/");
    expect(without.text).not.toContain("The slides for this lesson");
  });
});

describe("reveal.js's files", () => {
  it("serves a style sheet, a script and a plugin with their types", async () => {
    const css = await client.get("/slides/reveal/theme/white.css");
    expect(css.status).toBe("200 OK");
    expect(css.header("Content-Type")).toBe("text/css; charset=utf-8");
    expect(Number(css.header("Content-Length"))).toBe(css.body.byteLength);
    const script = await client.get("/slides/reveal/reveal.js");
    expect(script.header("Content-Type")).toBe("text/javascript; charset=utf-8");
    expect(script.text).toContain("reveal.js");
    const plugin = await client.get("/slides/reveal/plugin/markdown.js");
    expect(plugin.header("Content-Type")).toBe("text/javascript; charset=utf-8");
  });

  it("refuses a path that climbs out of reveal.js's folder with a 400 that names no lesson", async () => {
    for (const path of [
      "/slides/reveal/../package.json",
      "/slides/reveal/%2e%2e/package.json",
      "/slides/reveal/theme/../../../../package.json",
      "/slides/reveal/theme%5c..%5c..%5cpackage.json",
    ]) {
      const response = await client.get(path);
      expect(response.statusCode, path).toBe(400);
      expect(response.text).toContain("this path may not hold &quot;..&quot;");
      expect(response.text).not.toContain("lesson path");
      expect(response.text).not.toContain('"name"');
    }
  });

  it("is not found for a missing file, a folder, the folder itself, or a file no page loads", async () => {
    for (const path of [
      "/slides/reveal/",
      "/slides/reveal/nope.js",
      "/slides/reveal/theme",
      "/slides/reveal/reveal.d.ts",
    ]) {
      expect((await client.get(path)).statusCode, path).toBe(404);
    }
  });
});

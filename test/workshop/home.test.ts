import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClient } from "../../gateway/test-client.ts";
import { homeApp } from "../../workshop/home.ts";

const lessonsDir = fileURLToPath(new URL("../fixtures/lessons/", import.meta.url));
const client = new TestClient(homeApp({ lessonsDir }));

describe("the workshop home's index", () => {
  it("lists the NN-slug folders that hold a README, in order", async () => {
    const response = await client.get("/");
    expect(response.status).toBe("200 OK");
    expect(response.header("Content-Type")).toBe("text/html; charset=utf-8");
    const links = [...response.text.matchAll(/href="(\/lessons\/[^"]*)"/g)].map(
      (match) => match[1],
    );
    expect(links).toEqual([
      "/lessons/01-first-steps/",
      "/lessons/02-second-step/",
      "/lessons/04-no-title/",
    ]);
  });

  it("titles each lesson with its README's first heading and sums it up with its first paragraph", async () => {
    const { text } = await client.get("/");
    expect(text).toContain('<span class="number">01</span> First steps</a>');
    expect(text).toContain(
      "<p>You will send a <code>GET</code> request by hand and read the answer.</p>",
    );
  });

  it("escapes markup in a lesson's title", async () => {
    const { text } = await client.get("/");
    expect(text).toContain("Tags &lt;em&gt;escaped&lt;/em&gt; &amp; shown");
    expect(text).not.toContain("<em>escaped</em>");
  });

  it("says there are no lessons yet when the lessons folder does not exist", async () => {
    const empty = new TestClient(homeApp({ lessonsDir: join(lessonsDir, "missing") }));
    const response = await empty.get("/");
    expect(response.statusCode).toBe(200);
    expect(response.text).toContain("No lessons yet");
  });

  it("builds every link from SCRIPT_NAME when mounted under a prefix", async () => {
    const { text } = await client.get("/", { environ: { SCRIPT_NAME: "/workshop" } });
    expect(text).toContain('href="/workshop/style.css"');
    expect(text).toContain('href="/workshop/lessons/01-first-steps/"');
    expect(text).not.toMatch(/href="\/(?!workshop\/)/);
  });
});

describe("a lesson page", () => {
  it("renders the lesson's README as HTML", async () => {
    const response = await client.get("/lessons/01-first-steps/");
    expect(response.statusCode).toBe(200);
    expect(response.text).toContain("<title>First steps · The Gateway Interface workshop</title>");
    expect(response.text).toContain('<h1 id="first-steps">First steps <a class="anchor"');
    expect(response.text).toContain('<a href="demo/app.ts">the demo</a>');
    expect(response.text).toContain(
      '<span class="hljs-keyword">const</span> greeting = <span class="hljs-string">&quot;&lt;b&gt;hello&lt;/b&gt;&quot;</span>;',
    );
  });

  it("links to the lessons before and after it", async () => {
    const { text } = await client.get("/lessons/02-second-step/");
    expect(text).toContain('<a rel="prev" href="/lessons/01-first-steps/">← First steps</a>');
    expect(text).toContain('<a rel="next" href="/lessons/04-no-title/">→ no title</a>');
    const last = await client.get("/lessons/04-no-title/");
    expect(last.text).not.toContain('rel="next"');
  });

  it("redirects the lesson's URL without a trailing slash, so relative links resolve", async () => {
    const response = await client.get("/lessons/01-first-steps", {
      environ: { SCRIPT_NAME: "/workshop" },
    });
    expect(response.status).toBe("301 Moved Permanently");
    expect(response.header("Location")).toBe("/workshop/lessons/01-first-steps/");
  });

  it("is not found for a folder without a README or without a lesson number", async () => {
    expect((await client.get("/lessons/03-no-readme/")).statusCode).toBe(404);
    expect((await client.get("/lessons/notes/")).statusCode).toBe(404);
    expect((await client.get("/lessons/notes")).statusCode).toBe(404);
  });
});

describe("files inside a lesson", () => {
  it("shows a source file as escaped text in a <pre>", async () => {
    const response = await client.get("/lessons/01-first-steps/demo/app.ts");
    expect(response.statusCode).toBe(200);
    expect(response.text).toContain(
      "&quot;&lt;script&gt;alert(&#x27;not run&#x27;)&lt;/script&gt;&quot;",
    );
    expect(response.text).not.toContain("<script>");
  });

  it("renders a Markdown file", async () => {
    const { text } = await client.get("/lessons/01-first-steps/demo/NOTES.md");
    expect(text).toContain("<p>Nothing <em>new</em> here.</p>");
  });

  it("lists a folder, and redirects its URL without a trailing slash", async () => {
    const listing = await client.get("/lessons/01-first-steps/demo/");
    expect(listing.text).toContain('<a href="/lessons/01-first-steps/demo/app.ts">app.ts</a>');
    const bare = await client.get("/lessons/01-first-steps/demo");
    expect(bare.header("Location")).toBe("/lessons/01-first-steps/demo/");
  });

  it("serves an image as it is", async () => {
    const response = await client.get("/lessons/01-first-steps/demo/pixel.png");
    expect(response.header("Content-Type")).toBe("image/png");
    expect(response.body.slice(1, 4)).toEqual(new TextEncoder().encode("PNG"));
  });

  it("does not show hidden files", async () => {
    const response = await client.get("/lessons/01-first-steps/.hidden");
    expect(response.statusCode).toBe(404);
    expect(response.text).not.toContain("secret");
  });

  it("is not found for a file asked for as a folder", async () => {
    expect((await client.get("/lessons/01-first-steps/demo/app.ts/")).statusCode).toBe(404);
  });
});

describe("paths that try to leave the lesson folder", () => {
  it("refuses .. with a 400", async () => {
    for (const path of [
      "%2E%2E/outside.txt",
      "demo/%2E%2E/%2E%2E/outside.txt",
      "%2e%2e/02-second-step/README.md",
    ]) {
      const response = await client.get(`/lessons/01-first-steps/${path}`);
      expect(response.statusCode, path).toBe(400);
      expect(response.text).not.toContain("outside every lesson");
    }
  });

  it("refuses an absolute path, a backslash, a drive and a NUL byte with a 400", async () => {
    const paths = ["/etc/passwd", "..%5Coutside.txt", "C:%5Cwindows", "app.ts%00.png"];
    for (const path of paths) {
      const response = await client.get(`/lessons/01-first-steps/${path}`);
      expect(response.statusCode, path).toBe(400);
    }
  });

  it("says what a path may not hold", async () => {
    const response = await client.get("/lessons/01-first-steps/%2E%2E/outside.txt");
    expect(response.text).toContain("this path may not hold &quot;..&quot;");
  });

  describe("through a link inside the lesson", () => {
    let root: string;
    let linked: TestClient;

    beforeAll(async () => {
      root = await mkdtemp(join(tmpdir(), "workshop-home-"));
      const lesson = join(root, "lessons", "01-linked");
      await mkdir(lesson, { recursive: true });
      await writeFile(join(lesson, "README.md"), "# Linked\n");
      await writeFile(join(root, "secret.txt"), "not part of any lesson");
      // A junction needs no special rights on Windows; elsewhere it is a plain symbolic link.
      await symlink(root, join(lesson, "escape"), "junction");
      linked = new TestClient(homeApp({ lessonsDir: join(root, "lessons") }));
    });

    afterAll(async () => {
      await rm(root, { recursive: true, force: true });
    });

    it("does not follow a link that points outside the lesson", async () => {
      const response = await linked.get("/lessons/01-linked/escape/secret.txt");
      expect(response.statusCode).toBe(404);
      expect(response.text).not.toContain("not part of any lesson");
      expect((await linked.get("/lessons/01-linked/escape/")).statusCode).toBe(404);
    });
  });
});

describe("everything else", () => {
  it("serves the style sheet", async () => {
    const response = await client.get("/style.css");
    expect(response.header("Content-Type")).toBe("text/css; charset=utf-8");
    expect(response.text).toContain("font-family");
  });

  it("answers 404 with a page that escapes the path", async () => {
    const response = await client.get("/nope%3Cscript%3E");
    expect(response.status).toBe("404 Not Found");
    expect(response.text).toContain("There is no page at /nope&lt;script&gt;.");
    expect(response.text).not.toContain("<script>");
  });

  it("answers 404 for an unknown lesson", async () => {
    expect((await client.get("/lessons/09-missing/")).statusCode).toBe(404);
  });

  it("answers 405 to a method other than GET and HEAD", async () => {
    const response = await client.post("/", { form: { a: "b" } });
    expect(response.status).toBe("405 Method Not Allowed");
    expect(response.header("Allow")).toBe("GET, HEAD");
  });
});

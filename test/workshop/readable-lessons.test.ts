import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClient } from "../../gateway/test-client.ts";
import { splitLines } from "../../workshop/code-lines.ts";
import { homeApp } from "../../workshop/home.ts";
import { listLessons } from "../../workshop/lessons.ts";
import { renderDocument } from "../../workshop/markdown.ts";
import { listDecks, titledByLesson } from "../../workshop/slides.ts";

const LESSONS = fileURLToPath(new URL("../../lessons/", import.meta.url));
const SLIDES = fileURLToPath(new URL("../../slides/", import.meta.url));

let notesDir: string;
let client: TestClient;

beforeAll(async () => {
  notesDir = await mkdtemp(join(tmpdir(), "readable-lessons-"));
  client = new TestClient(homeApp({ runningDemosDir: notesDir }));
});

afterAll(async () => {
  await rm(notesDir, { recursive: true, force: true });
});

describe("a lesson's text", () => {
  it("gives every heading a GitHub-style anchor, and lists the sections for the contents", () => {
    const { body, headings } = renderDocument(
      "# Lesson\n\n## Exercise: add a header\n\n### `Content-Type` first\n\n## Exercise: add a header\n",
    );
    expect(headings.map(({ depth, id }) => [depth, id])).toEqual([
      [1, "lesson"],
      [2, "exercise-add-a-header"],
      [3, "content-type-first"],
      [2, "exercise-add-a-header-1"],
    ]);
    expect(String(body)).toContain(
      '<h2 id="exercise-add-a-header">Exercise: add a header <a class="anchor" href="#exercise-add-a-header"',
    );
  });

  it("highlights TypeScript, shell sessions, HTTP transcripts and nginx and Apache configs", () => {
    const fences: Array<[language: string, code: string, expected: string]> = [
      ["ts", "const a = 1;", '<span class="hljs-keyword">const</span>'],
      ["console", "$ npm test", '<span class="hljs-meta prompt_">$ </span>'],
      ["http", "HTTP/1.1 200 OK\nContent-Type: text/plain", "hljs-attribute"],
      ["nginx", "location /app/ { fastcgi_pass 127.0.0.1:9000; }", "hljs-section"],
      ["apache", 'ProxyPass "/app/" "fcgi://127.0.0.1:9000/"', "hljs-attribute"],
    ];
    for (const [language, code, expected] of fences) {
      const { body } = renderDocument(`\`\`\`${language}\n${code}\n\`\`\`\n`);
      expect(String(body), language).toContain(expected);
      expect(String(body), language).toContain(`class="hljs language-${language}"`);
    }
  });

  it("cuts highlighted code into lines that each close the spans they open", () => {
    expect(splitLines('a <span class="c">/* one\ntwo */</span> b')).toEqual([
      'a <span class="c">/* one</span>',
      '<span class="c">two */</span> b',
    ]);
  });

  it("sends a link to a demo's default address through the home, which follows the demo", async () => {
    const { text } = await client.get("/lessons/03-gateway-app/");
    expect(text).toMatch(/href="\/demos\/03\/[^"]*"/);
    expect(text).not.toMatch(/href="http:\/\/127\.0\.0\.1:8003/);
  });
});

describe("a lesson page", () => {
  it("opens with the lesson's contents, linking to each section's anchor", async () => {
    const { text } = await client.get("/lessons/11-sign-in/");
    const contents = /<details class="toc" open>[\s\S]*?<\/details>/.exec(text)?.[0] ?? "";
    expect(contents).toContain(
      '<a href="#exercise-the-sign-in-form">Exercise: the sign-in form</a>',
    );
    for (const [, id] of contents.matchAll(/href="#([^"]+)"/g)) {
      expect(text, `#${id} is on the page`).toContain(`id="${id}"`);
    }
  });

  it("lists the lesson's demos with the command that starts each and what it shows", async () => {
    const { text } = await client.get("/lessons/04-many-servers/");
    const demos = /<details class="demos" open>[\s\S]*?<\/details>/.exec(text)?.[0] ?? "";
    for (const command of [
      "npm run demo -- 4",
      "npm run demo -- 4 cgi",
      "npm run demo -- 4 client",
    ]) {
      expect(demos).toContain(`<code>${command}</code>`);
    }
    expect(demos).toContain("not running");
  });
});

describe("a source page", () => {
  it("numbers the lines as in the file and leaves out the #region markers", async () => {
    const path = "lessons/06-class-middleware/stack.ts";
    const source = (
      await readFile(fileURLToPath(new URL(`../../${path}`, import.meta.url)), "utf8")
    )
      .replace(/\n$/, "")
      .split("\n");
    const markers = source.flatMap((line, i) => (/#(end)?region\b/.test(line) ? [i + 1] : []));
    expect(markers.length, "the file has region markers to leave out").toBeGreaterThan(0);
    const { text } = await client.get(`/${path}`);
    expect(text).not.toMatch(/#(end)?region\b/);
    const numbers = [...text.matchAll(/<span class="line" id="L(\d+)" data-line="\1">/g)].map(
      (match) => Number(match[1]),
    );
    const kept = source.map((_, i) => i + 1).filter((number) => !markers.includes(number));
    expect(numbers).toEqual(kept);
  });
});

describe("starter/ and solutions/ on the home", () => {
  it("shows their files as source pages, so a lesson's links into them work", async () => {
    for (const tree of ["starter", "solutions"]) {
      const { status, text } = await client.get(`/${tree}/signin/app.ts`);
      expect(status, tree).toBe("200 OK");
      expect(text).toContain('<pre class="code numbered"><code class="hljs language-typescript">');
      expect(text).toContain(`<a href="/${tree}/">${tree}/</a>`);
    }
    const lesson = await client.get("/lessons/11-sign-in/");
    expect(lesson.text).toContain('href="../../solutions/signin/app.ts"');
  });

  it("lists their folders, and sends /starter to /starter/", async () => {
    const list = await client.get("/solutions/");
    expect(list.text).toContain('<a href="/solutions/signin/">signin/</a>');
    const bare = await client.get("/starter");
    expect(bare.status).toBe("301 Moved Permanently");
    expect(bare.header("Location")).toBe("/starter/");
  });

  it("only reads them: a POST is refused, and a path that climbs out gets a 400", async () => {
    const post = await client.post("/starter/signin/app.ts", { body: "x" });
    expect(post.status).toBe("405 Method Not Allowed");
    const climb = await client.get("/solutions/..%2Fpackage.json");
    expect(climb.status).toBe("400 Bad Request");
  });
});

describe("the favicon", () => {
  it("is served as SVG at the address every page names, and at /favicon.ico", async () => {
    const page = await client.get("/");
    expect(page.text).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml">');
    for (const path of ["/favicon.svg", "/favicon.ico"]) {
      const icon = await client.get(path);
      expect(icon.status, path).toBe("200 OK");
      expect(icon.header("Content-Type")).toBe("image/svg+xml");
      expect(icon.text).toContain("<svg");
    }
  });
});

describe("one title per lesson", () => {
  it("is the README's, on the index, the lesson's page, its deck and the list of decks", async () => {
    const [lessons, decks] = await Promise.all([listLessons(LESSONS), listDecks(SLIDES)]);
    const index = (await client.get("/")).text;
    const deckList = (await client.get("/slides/")).text;
    for (const lesson of lessons) {
      const title = lesson.title.replace(/&/g, "&amp;").replace(/"/g, "&quot;");
      expect(index, lesson.slug).toContain(`${lesson.number}</span> ${title}</a>`);
      const page = (await client.get(`/lessons/${lesson.slug}/`)).text;
      expect(page, lesson.slug).toContain(`<title>${title} · `);
      const deck = decks.find((each) => each.name === lesson.slug);
      if (deck === undefined) continue;
      expect(titledByLesson(deck, lessons).title).toBe(`${lesson.number} · ${lesson.title}`);
      expect(deckList, lesson.slug).toContain(`>${lesson.number} · ${title}</a>`);
      expect(deck.markdown, `${deck.name} writes no title of its own`).not.toMatch(/^# /m);
    }
  });

  it("is the README's in the repository's README, where GitHub shows the list of lessons", async () => {
    const lessons = await listLessons(LESSONS);
    const readme = await readFile(
      fileURLToPath(new URL("../../README.md", import.meta.url)),
      "utf8",
    );
    const rows = [...readme.matchAll(/^\| (\d\d) +\| \[(.+?)\]\(lessons\/([^/]+)\/\)/gm)];
    expect(rows.map(([, number, title, slug]) => ({ number, title, slug }))).toEqual(
      lessons.map(({ number, title, slug }) => ({ number, title, slug })),
    );
  });
});

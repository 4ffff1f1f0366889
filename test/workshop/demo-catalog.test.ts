import { execFile } from "node:child_process";
import { readdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { agenda } from "../../workshop/agenda.ts";
import { allDemos, demoList, flagsNamed, whatItShows } from "../../workshop/demo-catalog.ts";
import { listLessons } from "../../workshop/lessons.ts";

const LESSONS = fileURLToPath(new URL("../../lessons/", import.meta.url));
const DEMO_CLI = fileURLToPath(new URL("../../workshop/demo.ts", import.meta.url));

/** `npm run demo -- ...args`, as npm runs it: its exit code and what it printed. */
function runDemo(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", DEMO_CLI, ...args], (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

describe("the demos' catalogue", () => {
  it("has every demo file of every lesson, each saying what it shows after its own command", async () => {
    const lessons = await listLessons(LESSONS);
    const catalogue = await allDemos(LESSONS);
    for (const lesson of lessons) {
      const files = (await readdir(lesson.dir)).filter((file) =>
        /^demo(-[a-z0-9-]+)?\.ts$/.test(file),
      );
      const listed = catalogue.find((each) => each.lesson.slug === lesson.slug)?.demos ?? [];
      expect(listed.map((demo) => demo.file.split(/[\\/]/).at(-1)).sort(), lesson.slug).toEqual(
        files.sort(),
      );
      for (const demo of listed) {
        expect(
          demo.shows,
          `${demo.file} should open with /** \`${demo.command}\`: what it shows. */`,
        ).toMatch(/^\S.*[.!?]$/);
      }
    }
  });

  it("reads the sentence after the command's colon, and nothing from a file that does not open so", () => {
    const source =
      "/**\n * `npm run demo -- 3 countdown`: a body sent while it is made. More.\n */\n";
    expect(whatItShows(source, "npm run demo -- 3 countdown")).toBe(
      "a body sent while it is made.",
    );
    expect(whatItShows(source, "npm run demo -- 3")).toBe("");
    expect(whatItShows("const a = 1;\n", "npm run demo -- 3")).toBe("");
  });

  it("names the flags a demo's comment names, but --host and --port, which every demo takes", async () => {
    const source =
      "/**\n * `npm run demo -- 12`: the app behind nginx. `--port` moves nginx,\n * `--raw` drops `mountedAt`, `--raw` again.\n */\nconst a = `--not-this`;\n";
    expect(flagsNamed(source)).toEqual(["--raw"]);
    const twelve = (await allDemos(LESSONS)).find(({ lesson }) => lesson.number === "12");
    const apache = twelve?.demos.find((demo) => demo.name === "apache");
    expect(apache?.flags).toEqual(["--raw", "--fastcgi-port"]);
    expect(demoList(twelve ? [twelve] : [])).toContain(
      `${apache?.shows} Also: --raw, --fastcgi-port.`,
    );
  });

  it("lists each lesson by its number and title, then one line per demo", async () => {
    const catalogue = await allDemos(LESSONS);
    const lines = demoList(catalogue).split("\n");
    const demos = catalogue.flatMap(({ demos }) => demos);
    expect(lines).toHaveLength(catalogue.length + demos.length);
    expect(lines[0]).toBe(`${catalogue[0]?.lesson.number} · ${catalogue[0]?.lesson.title}`);
    expect(lines).toContain(
      `  ${"npm run demo -- 3 countdown".padEnd(Math.max(...demos.map((d) => d.command.length)))}  a body sent while it is made, a line a second.`,
    );
  });
});

describe("the class's agenda", () => {
  it("has every lesson, and names only demos that its lesson has", async () => {
    const catalogue = await allDemos(LESSONS);
    const inAgenda = agenda.flatMap((item) => ("lesson" in item ? [item] : []));
    expect(inAgenda.map((item) => item.lesson)).toEqual(catalogue.map((each) => each.lesson.slug));
    for (const item of inAgenda) {
      const names = catalogue.find((each) => each.lesson.slug === item.lesson)?.demos ?? [];
      for (const demo of item.demos) {
        expect(
          names.map((each) => each.name),
          item.lesson,
        ).toContain(demo);
      }
    }
  });
});

describe("npm run demo", () => {
  it("alone, lists every lesson's demos and says how to start one", async () => {
    const { code, stdout } = await runDemo();
    expect(code).toBe(0);
    expect(stdout).toContain(
      "npm run demo -- N [NAME] starts one; each takes --port N and --host H too.",
    );
    expect(stdout).toContain(demoList(await allDemos(LESSONS)));
  });

  it("with a demo name a lesson does not have, lists that lesson's demos", async () => {
    const { code, stderr } = await runDemo("12", "nginxx");
    expect(code).toBe(2);
    expect(stderr).toContain('lesson 12 has no demo "nginxx". Its demos:');
    for (const name of ["apache", "express", "fetch"]) {
      expect(stderr).toContain(`npm run demo -- 12 ${name} `);
    }
    expect(stderr).not.toContain("npm run demo -- 3");
  });

  it("with a lesson number that has no demo, names the lessons that do, in one line", async () => {
    const { code, stderr } = await runDemo("99");
    expect(code).toBe(2);
    expect(stderr.trim()).toBe(
      "npm run demo: there is no lesson 99 with a demo. Lessons with demos: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13; npm run demo lists them all.",
    );
  });

  it("with something that is not a lesson number, lists them all", async () => {
    const { code, stderr } = await runDemo("countdown");
    expect(code).toBe(2);
    expect(stderr).toContain('"countdown" is not a lesson number.');
    expect(stderr).toContain("npm run demo -- 3 countdown");
    expect(stderr).toContain("npm run demo -- 12 fetch");
  });
});

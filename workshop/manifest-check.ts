/**
 * Checking the exercise manifest, and loading the one of any repository.
 *
 * `manifestProblems` lists what is wrong with the entries (a missing file, a
 * short hint ladder, a README section that does not exist), one sentence each,
 * so `npm test` and `npm run prove` can say exactly what to fix.
 * `loadManifest` reads `<root>/workshop/manifest.ts`, so the exercise tools
 * can run against another repository (the tests use a small fixture one).
 *
 * @example
 * const list = await loadManifest(root);
 * for (const problem of manifestProblems(root, list)) console.error(problem);
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { hasStepMarker } from "./learn/solution-steps.ts";
import type { Exercise } from "./manifest.ts";

const idPattern = /^\d\d-[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * Imports the manifest of the repository at `root`.
 *
 * @example
 * const list = await loadManifest("/home/me/workshop"); // its workshop/manifest.ts
 */
export async function loadManifest(root: string): Promise<readonly Exercise[]> {
  const file = path.join(root, "workshop", "manifest.ts");
  const module = (await import(pathToFileURL(file).href)) as { exercises?: unknown };
  if (!Array.isArray(module.exercises)) {
    throw new Error(`${file} must export an array named exercises`);
  }
  return module.exercises as readonly Exercise[];
}

/**
 * Every problem with the manifest's entries, one sentence each; empty when all is well.
 *
 * @example
 * manifestProblems(root, [{ ...entry, hints: ["just one"] }]);
 * // ["05-add-header: needs at least two hints (a ladder), has 1"]
 */
export function manifestProblems(root: string, list: readonly Exercise[]): string[] {
  const problems = list.flatMap((exercise) =>
    entryProblems(root, exercise).map((problem) => `${exercise.id}: ${problem}`),
  );
  return [...problems, ...duplicateIds(list), ...orderProblems(list)];
}

function entryProblems(root: string, exercise: Exercise): string[] {
  return [
    ...namingProblems(exercise),
    ...fileProblems(root, exercise),
    ...hintProblems(root, exercise),
    ...demoProblems(root, exercise),
  ];
}

function namingProblems({ id, lesson, title }: Exercise): string[] {
  const problems: string[] = [];
  if (!idPattern.test(id)) problems.push(`the id must look like "05-add-header"`);
  if (!idPattern.test(lesson)) problems.push(`the lesson must be a folder name like "05-topic"`);
  if (id.slice(0, 2) !== lesson.slice(0, 2)) {
    problems.push(`the id must start with its lesson's number (${lesson.slice(0, 2)})`);
  }
  if (title.trim() === "") problems.push("needs a title");
  return problems;
}

function fileProblems(root: string, { file, test }: Exercise): string[] {
  if (path.isAbsolute(file) || file.includes("\\") || file.split("/").includes("..")) {
    return [`the file must be a path inside the trees with "/", like "05-topic/name.ts"`];
  }
  const missing = [`starter/${file}`, `solutions/${file}`, test].filter(
    (relative) => !existsSync(path.join(root, relative)),
  );
  const problems = missing.map((relative) => `${relative} does not exist`);
  if (!test.endsWith(".test.ts")) problems.push(`the test ${test} must end in .test.ts`);
  const starter = path.join(root, "starter", file);
  if (existsSync(starter) && hasStepMarker(readFileSync(starter, "utf8"))) {
    problems.push(`starter/${file} has a "// Step:" marker: markers go in the solution only`);
  }
  return problems;
}

function hintProblems(root: string, { lesson, hints }: Exercise): string[] {
  if (hints.length < 2) return [`needs at least two hints (a ladder), has ${hints.length}`];
  if (hints.some((hint) => hint.trim() === "")) return ["has an empty hint"];
  const readme = `lessons/${lesson}/README.md`;
  const last = hints[hints.length - 1] ?? "";
  if (!last.includes(readme)) {
    return [`the last hint must name the README section to read: "Read ${readme}, 'Heading'."`];
  }
  return sectionProblems(root, readme, last);
}

/**
 * Every exercise whose starter lacks a `Read:` line under its task naming a
 * section of its lesson's README that exists; one sentence each.
 *
 * @example
 * readLineProblems(root, exercises);
 * // ['09-mount-apps: starter/09-reuse/mount-apps.ts needs a line under its task: Read: lessons/09-reuse/README.md, "Exercise: ..."']
 */
export function readLineProblems(root: string, list: readonly Exercise[]): string[] {
  return list.flatMap(({ id, lesson, file }) => {
    const readme = `lessons/${lesson}/README.md`;
    const starter = path.join(root, "starter", file);
    const text = existsSync(starter) ? readFileSync(starter, "utf8") : "";
    const line = new RegExp(`^\\s*\\*?\\s*Read: ${readme}, ".+"\\.$`, "m").exec(text)?.[0];
    if (line === undefined) {
      return [
        `${id}: starter/${file} needs a line under its task: Read: ${readme}, "Exercise: ..."`,
      ];
    }
    return sectionProblems(root, readme, line).map((problem) => `${id}: ${problem}`);
  });
}

function sectionProblems(root: string, readme: string, hint: string): string[] {
  const section = /README\.md,?\s*['"“‘](.+)['"”’]/.exec(hint)?.[1];
  if (section === undefined) return [`the last hint must quote the section of ${readme}`];
  const file = path.join(root, readme);
  if (!existsSync(file)) return [`${readme} does not exist`];
  const wanted = section.trim().toLowerCase();
  const found = headings(readFileSync(file, "utf8")).some((h) => h.toLowerCase() === wanted);
  return found ? [] : [`${readme} has no heading '${section}'`];
}

/** The text of every Markdown heading (`## Exercise: add a header` gives "Exercise: add a header"). */
function headings(markdown: string): string[] {
  return markdown
    .split(/\r?\n/)
    .map((line) => /^#{1,6}\s+(.*?)[\s#]*$/.exec(line)?.[1])
    .filter((text): text is string => text !== undefined);
}

/** A demo runs an npm script of the repository; `npm run demo -- N NAME` needs the lesson's file. */
function demoProblems(root: string, { lesson, demo }: Exercise): string[] {
  if (demo === undefined) return [];
  const [script, ...args] = demo.command;
  const problems: string[] = [];
  if (!demo.path.startsWith("/")) problems.push(`the demo's path must start with "/"`);
  if (!(script in packageScripts(root))) {
    return [...problems, `the demo's command runs npm run ${script}, which package.json lacks`];
  }
  if (script !== "demo") return problems;
  const [number = "", name] = args;
  if (Number(number) !== Number(lesson.slice(0, 2))) {
    problems.push(
      `the demo must be one of its lesson's: npm run demo -- ${Number(lesson.slice(0, 2))}`,
    );
  }
  const file = `lessons/${lesson}/${name === undefined ? "demo.ts" : `demo-${name}.ts`}`;
  if (!existsSync(path.join(root, file))) problems.push(`the demo's file ${file} does not exist`);
  return problems;
}

function packageScripts(root: string): Record<string, string> {
  const file = path.join(root, "package.json");
  if (!existsSync(file)) return {};
  return (
    (JSON.parse(readFileSync(file, "utf8")) as { scripts?: Record<string, string> }).scripts ?? {}
  );
}

function duplicateIds(list: readonly Exercise[]): string[] {
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const { id } of list) {
    if (seen.has(id)) problems.push(`${id}: the id is used twice`);
    seen.add(id);
  }
  return problems;
}

/** Lessons must not go backwards: a learner walks the list from the top. */
function orderProblems(list: readonly Exercise[]): string[] {
  return list.flatMap((exercise, index) => {
    const before = list[index - 1];
    return before !== undefined && exercise.lesson < before.lesson
      ? [`${exercise.id}: comes after ${before.id}, a later lesson: keep the list in lesson order`]
      : [];
  });
}

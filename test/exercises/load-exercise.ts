/**
 * Loading an exercise file from either tree.
 *
 * Every exercise test is written once and checks either `starter/` (the
 * learner's work) or `solutions/` (the reference). `EXERCISE_ROOT` picks the
 * tree: an absolute path, or a path relative to the repository root; by
 * default `solutions`, so `npm test` stays green while a learner works.
 * `npm run learn` sets it to `starter`, and the maintainers' proof to `.proof`.
 *
 * Failure messages speak to the learner: they name the file to edit, what it
 * must export, and the lesson section to read.
 *
 * @example
 * import { caught, exerciseExport, lessonSection } from "../load-exercise.ts";
 * const section = lessonSection("05-function-middleware", "Exercise: add a header");
 * const addHeader = await exerciseExport<Middleware>(
 *   "05-function-middleware/add-header.ts", "addHeader", "function", section);
 * expect(response.header("X-Powered-By"), `addHeader must add X-Powered-By; ${section.see}`)
 *   .toBe("gateway");
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { exerciseForFile } from "../../workshop/manifest.ts";

/** The repository root: this file sits in `<root>/test/exercises/`. */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The kinds of export an exercise test can ask for. */
export type ExportKind = "function" | "class" | "object" | "value";

/** A lesson README section, named in failure messages so a learner knows what to read. */
export interface LessonSection {
  /** The lesson folder, e.g. "05-function-middleware". */
  readonly lesson: string;
  /** The section heading, e.g. "Exercise: add a header". */
  readonly heading: string;
  /** Ready to append to a message: "see lessons/05-.../README.md, 'Exercise: add a header'". */
  readonly see: string;
}

/**
 * Names a lesson README section for failure messages.
 *
 * @example
 * const section = lessonSection("05-function-middleware", "Exercise: add a header");
 * expect(text, `the body must be upper-cased; ${section.see}`).toBe("HELLO");
 */
export function lessonSection(lesson: string, heading: string): LessonSection {
  const readme = ["lessons", lesson, "README.md"].join("/");
  return { lesson, heading, see: `see ${readme}, '${heading}'` };
}

/**
 * The tree the exercise tests check, as an absolute path.
 *
 * @example
 * exerciseRoot(); // "/home/me/workshop/solutions" unless EXERCISE_ROOT says otherwise
 */
export function exerciseRoot(): string {
  return path.resolve(repoRoot, process.env.EXERCISE_ROOT || "solutions");
}

/**
 * How a message names a file of the tree under test: `starter/05-.../add-header.ts`,
 * relative to the repository root so a learner can open it.
 *
 * @example
 * exercisePath("05-function-middleware/add-header.ts"); // "starter/05-function-middleware/add-header.ts"
 */
export function exercisePath(file: string): string {
  const relative = path.relative(repoRoot, path.join(exerciseRoot(), file));
  return relative.split(path.sep).join("/");
}

/**
 * Imports one exercise module from the tree under test.
 * A missing file, or one that throws while loading, becomes a learner-facing error.
 *
 * @example
 * const mod = await loadExercise<{ greet: (name: string) => string }>("02-cgi/greet.ts");
 */
export async function loadExercise<T>(file: string): Promise<T> {
  const absolute = path.join(exerciseRoot(), file);
  if (!existsSync(absolute))
    throw new Error(`${exercisePath(file)} does not exist: ${putBack(file)}`);
  try {
    return (await import(pathToFileURL(absolute).href)) as T;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${exercisePath(file)} fails to load: ${reason}`, { cause: error });
  }
}

/** How to get a missing exercise file back: the learner's own command, for a file of theirs. */
function putBack(file: string): string {
  const tree = path.basename(exerciseRoot());
  if (!existsSync(exerciseRoot())) return `there is no ${tree}/ folder in this copy.`;
  const id = exerciseForFile(file)?.id;
  if (tree !== "starter" || id === undefined) return "create it, or restore it from git.";
  return `npm run learn -- reset ${id} puts the starter back.`;
}

/**
 * Imports one named export of an exercise and checks its kind, with a message
 * that says what to export and where to read about it.
 *
 * @example
 * const addHeader = await exerciseExport<Middleware>(
 *   "05-function-middleware/add-header.ts", "addHeader", "function",
 *   lessonSection("05-function-middleware", "Exercise: add a header"));
 */
export async function exerciseExport<T>(
  file: string,
  name: string,
  kind: ExportKind,
  section: LessonSection,
): Promise<T> {
  const module = await loadExercise<Record<string, unknown>>(file);
  const value = module[name];
  if (value === undefined || !hasKind(value, kind)) {
    const found = value === undefined ? "nothing by that name" : `a ${describe(value)}`;
    throw new Error(
      `${exercisePath(file)} must export ${article(kind)} ${kind} named ${name} ` +
        `(it exports ${found}); ${section.see}`,
    );
  }
  return value as T;
}

function hasKind(value: unknown, kind: ExportKind): boolean {
  switch (kind) {
    case "function":
    case "class":
      return typeof value === "function";
    case "object":
      return typeof value === "object" && value !== null;
    case "value":
      return true;
  }
}

function describe(value: unknown): string {
  return value === null ? "null" : typeof value;
}

function article(kind: ExportKind): string {
  return kind === "object" ? "an" : "a";
}

/**
 * What the server caught when the exercise threw (it then answers 500), as
 * a clue to append to a message: a missing import shows up here, not in
 * the status.
 *
 * @example
 * expect(response.statusCode, `answer 403 yourself${caught(response)}`).toBe(403);
 */
export function caught(response: { errors: string }): string {
  const thrown = /Error while serving [^\n]*\n([^\n]*)/.exec(response.errors)?.[1];
  return thrown === undefined ? "" : ` (the server caught: ${thrown})`;
}

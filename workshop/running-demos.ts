/**
 * Where the demos run right now, so the home's demo links follow them.
 *
 * A lesson says "open http://127.0.0.1:8003/", but a demo started with
 * `--port 9000` is not there. So each demo that `npm run demo` starts
 * leaves a note, `data/running-demos/PID.json`, saying which demo it is and
 * the address it listens on, and takes it away when its process ends. The
 * home reads the notes (`runningDemos`) and sends a link to lesson 03's demo
 * wherever it actually is (demo-links.ts).
 *
 * A note can outlive a process that was killed outright. So a note counts
 * only while its process lives: the rest are stale, and removed when read.
 *
 * @example
 * // workshop/demo.ts, before it loads the demo:
 * startingDemo({ lesson: "03", name: "countdown" });
 * // the demo's helper, once it listens:
 * demoListening("http://127.0.0.1:9000/");
 * // the home:
 * await runningDemos(RUNNING_DEMOS_DIR); // [{ lesson: "03", name: "countdown", url: "http://127.0.0.1:9000/", pid: 4242 }]
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** A demo that is running: which one, where, and its process. */
export interface RunningDemo {
  /** The lesson's two-digit number: "03". */
  lesson: string;
  /** The demo's name, "" for the lesson's main demo. */
  name: string;
  /** Where it listens, as it announced: "http://127.0.0.1:8003/". */
  url: string;
  /** Its trace page, when it runs with `--trace`: "http://127.0.0.1:8103/trace". */
  trace?: string;
  pid: number;
}

/** The checkout's folder of notes; `data/` is the checkout's own, never committed. */
export const RUNNING_DEMOS_DIR = fileURLToPath(new URL("../data/running-demos/", import.meta.url));

let current: { lesson: string; name: string; dir: string } | undefined;

/**
 * Says which demo this process is about to run (`npm run demo` calls it), so
 * that `demoListening` can leave a note. A demo started another way leaves none.
 * @example startingDemo({ lesson: "03", name: "" });
 */
export function startingDemo(demo: { lesson: string; name: string }, dir = RUNNING_DEMOS_DIR) {
  current = { ...demo, dir };
}

/**
 * Leaves the note that this process's demo listens at `url` (and shows its
 * trace at `trace`), taken away when the process exits. Does nothing unless
 * `npm run demo` started it.
 * @example demoListening(running.url, running.tracePage?.url);
 */
export function demoListening(url: string, trace?: string): void {
  if (current === undefined) return;
  const { lesson, name, dir } = current;
  const note = path.join(dir, `${process.pid}.json`);
  mkdirSync(dir, { recursive: true });
  const demo: RunningDemo = { lesson, name, url, ...(trace && { trace }), pid: process.pid };
  // Written aside, then renamed: a reader never finds half a note.
  writeFileSync(`${note}.new`, `${JSON.stringify(demo)}\n`);
  renameSync(`${note}.new`, note);
  process.once("exit", () => rmSync(note, { force: true }));
}

/**
 * The demos running now, by their notes in `dir`; stale notes are removed.
 * @example (await runningDemos(RUNNING_DEMOS_DIR)).filter((demo) => demo.lesson === "03");
 */
export async function runningDemos(dir = RUNNING_DEMOS_DIR): Promise<RunningDemo[]> {
  const files = (await readdir(dir).catch(() => [] as string[])).filter((file) =>
    /^\d+\.json$/.test(file),
  );
  const notes = await Promise.all(files.map((file) => readNote(path.join(dir, file))));
  return notes.filter((demo) => demo !== undefined);
}

async function readNote(file: string): Promise<RunningDemo | undefined> {
  const demo = await readFile(file, "utf8")
    .then((text) => JSON.parse(text) as RunningDemo)
    .catch(() => undefined);
  if (demo === undefined || isAlive(demo.pid)) return demo;
  await rm(file, { force: true });
  return undefined;
}

/** Signal 0 tests that a process exists, on Windows too; EPERM means it does, as another user's. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * `npm run demo -- N [NAME]`: starts lesson N's demo; `npm run demo` alone
 * lists every lesson's demos, one line each saying what it shows.
 *
 * It finds `lessons/NN-*\/demo.ts` (or `demo-NAME.ts` when a lesson has
 * several) and runs it. Flags after the lesson number go to the demo
 * (`npm run demo -- 3 --port 9000`). With `--trace`, tracing is on before
 * the demo's files are loaded, so their `stack()` calls trace each layer.
 * A demo that serves from worker processes runs its own file again in
 * each of them, not this one. A lesson or name that does not exist gets
 * the list of the ones that do (demo-catalog.ts reads them from the demo
 * files themselves). While the demo runs it leaves a note of where it
 * listens, so the home's links to it follow it (running-demos.ts).
 *
 * @example
 * // npm run demo -- 3
 * // Lesson 03 demo: open http://127.0.0.1:8003/
 */
import cluster from "node:cluster";
import { fileURLToPath, pathToFileURL } from "node:url";
import { startTracing } from "../gateway/trace/tracer.ts";
import { allDemos, type Demo, demoList, type LessonDemos } from "./demo-catalog.ts";
import { startingDemo } from "./running-demos.ts";

const lessonsDir = fileURLToPath(new URL("../lessons/", import.meta.url));

/** The demo that `lesson` and `name` ask for, or what to say instead (and the exit code). */
function findDemo(
  lessons: LessonDemos[],
  lesson: string,
  name = "",
): { lesson: string; demo: Demo } | { message: string; exitCode: number } {
  const all = `The demos:\n\n${demoList(lessons)}`;
  if (lesson === "") {
    const usage = "npm run demo -- N [NAME] starts one; each takes --port N and --host H too.";
    return { message: `${usage} ${all}`, exitCode: 0 };
  }
  if (!/^\d{1,2}$/.test(lesson)) {
    return { message: `npm run demo: "${lesson}" is not a lesson number. ${all}`, exitCode: 2 };
  }
  const found = lessons.find((each) => Number(each.lesson.number) === Number(lesson));
  if (found === undefined) {
    // One line, the lessons that have demos named: a program that shows the end of the output sees it all.
    const numbers = lessons.map((each) => Number(each.lesson.number)).join(", ");
    const message = `npm run demo: there is no lesson ${lesson} with a demo. Lessons with demos: ${numbers}; npm run demo lists them all.`;
    return { message, exitCode: 2 };
  }
  const demo = found.demos.find((each) => each.name === name);
  if (demo !== undefined) return { lesson: found.lesson.number, demo };
  const wanted = name ? `no demo "${name}"` : "no main demo (demo.ts)";
  const its = demoList([found]);
  return {
    message: `npm run demo: lesson ${found.lesson.number} has ${wanted}. Its demos:\n\n${its}`,
    exitCode: 2,
  };
}

// `npm run demo -- 4 -- --port 8014` passes the second "--" through: drop it, so the flags count.
process.argv = process.argv.filter((arg, i) => i < 2 || arg !== "--");
const [lesson = "", maybeName] = process.argv.slice(2);
const name = maybeName?.startsWith("-") ? undefined : maybeName;
const found = findDemo(await allDemos(lessonsDir), lesson, name);
if ("message" in found) {
  (found.exitCode === 0 ? console.log : console.error)(found.message);
  process.exitCode = found.exitCode;
} else {
  process.argv.splice(2, name ? 2 : 1);
  startingDemo({ lesson: found.lesson, name: found.demo.name });
  if (process.argv.includes("--trace")) startTracing();
  // A demo with workers (lesson 13) runs again in each: there, run the demo file itself.
  cluster.setupPrimary({ exec: found.demo.file, args: process.argv.slice(2) });
  await import(pathToFileURL(found.demo.file).href);
}

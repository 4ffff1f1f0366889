/**
 * `npm run demo -- N [NAME]`: starts lesson N's demo.
 *
 * It finds `lessons/NN-*\/demo.ts` (or `demo-NAME.ts` when a lesson has
 * several) and runs it. Flags after the lesson number go to the demo
 * (`npm run demo -- 3 --port 9000`). With `--trace`, tracing is on before
 * the demo's files are loaded, so their `stack()` calls trace each layer.
 * A demo that serves from worker processes runs its own file again in
 * each of them, not this one.
 *
 * @example
 * // npm run demo -- 3
 * // Lesson 03 demo: open http://127.0.0.1:8003/
 */
import cluster from "node:cluster";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { startTracing } from "../gateway/trace/tracer.ts";

const lessonsDir = fileURLToPath(new URL("../lessons/", import.meta.url));

/** The demo file for a lesson number and an optional demo name, or an error message. */
function findDemo(lesson: string, name?: string): { file: string } | { error: string } {
  if (!/^\d{1,2}$/.test(lesson))
    return { error: `"${lesson}" is not a lesson number: try npm run demo -- 3` };
  const prefix = `${lesson.padStart(2, "0")}-`;
  const folder = readdirSync(lessonsDir).find((entry) => entry.startsWith(prefix));
  if (folder === undefined) return { error: `there is no lesson ${lesson} in ${lessonsDir}` };
  const file = path.join(lessonsDir, folder, name ? `demo-${name}.ts` : "demo.ts");
  if (existsSync(file)) return { file };
  const demos = readdirSync(path.join(lessonsDir, folder)).filter((entry) =>
    /^demo(-.+)?\.ts$/.test(entry),
  );
  const names = demos.map((demo) => demo.replace(/^demo-?|\.ts$/g, "") || "(none)").join(", ");
  return { error: `lesson ${folder} has no ${path.basename(file)}; its demos: ${names || "none"}` };
}

// `npm run demo -- 4 -- --port 8014` passes the second "--" through: drop it, so the flags count.
process.argv = process.argv.filter((arg, i) => i < 2 || arg !== "--");
const [lesson = "", maybeName] = process.argv.slice(2);
const name = maybeName?.startsWith("-") ? undefined : maybeName;
const found = findDemo(lesson, name);
if ("error" in found) {
  console.error(`npm run demo: ${found.error}`);
  process.exitCode = 2;
} else {
  process.argv.splice(2, name ? 2 : 1);
  if (process.argv.includes("--trace")) startTracing();
  // A demo with workers (lesson 13) runs again in each: there, run the demo file itself.
  cluster.setupPrimary({ exec: found.file, args: process.argv.slice(2) });
  await import(pathToFileURL(found.file).href);
}

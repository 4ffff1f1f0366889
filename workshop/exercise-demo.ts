/**
 * A lesson's exercise demo: the learner's own exercises, served.
 *
 * `npm run demo -- 5 exercise` runs `lessons/05-function-middleware/demo-exercise.ts`,
 * which hands this the lesson's exercises, each built from the learner's
 * file in `starter/`: every one answers under `/ID` (`/05-add-header`), and
 * `/` lists them. A test says whether an exercise passes; the demo shows
 * what it does, in a browser or with curl, and the instructor's mode
 * restarts it after each step of a solution so the class sees the change.
 *
 * The apps are mounted with the kit's URL map (lesson 09): each sees its
 * own prefix in `SCRIPT_NAME`, as behind any mount.
 *
 * @example
 * // lessons/05-function-middleware/demo-exercise.ts
 * await runExerciseDemo(5, { "05-add-header": addHeader("X-Powered-By", "lesson 05")(hello) });
 */
import { html, htmlResponse } from "../gateway/html.ts";
import type { RunningServer } from "../gateway/http-server.ts";
import { urlMap } from "../gateway/kit/url-map.ts";
import type { App } from "../gateway/types.ts";
import { type Exercise, findExercise } from "./manifest.ts";
import { runDemo } from "./run-demo.ts";

/**
 * Serves each exercise's app under `/ID`, and a list of them at `/`, as lesson `lesson`'s demo.
 * @example await runExerciseDemo(3, { "03-hello-app": hello, "03-greet-by-name": greet });
 */
export function runExerciseDemo(
  lesson: number,
  apps: Record<string, App>,
): Promise<RunningServer | undefined> {
  return runDemo(exerciseDemoApp(apps), lesson);
}

/**
 * The app `runExerciseDemo` serves. An id the manifest does not know is a mistake in the demo.
 * @example const app = exerciseDemoApp({ "07-count-up": countUp });
 */
export function exerciseDemoApp(apps: Record<string, App>): App {
  const listed = Object.keys(apps).map((id) => {
    const exercise = findExercise(id);
    if (exercise === undefined) throw new Error(`the manifest has no exercise "${id}"`);
    return exercise;
  });
  const mounts = Object.fromEntries(Object.entries(apps).map(([id, app]) => [`/${id}`, app]));
  return urlMap({ ...mounts, "/": listing(listed) });
}

/** The list of the exercises served, at "/"; a 404 for any other path. */
function listing(listed: readonly Exercise[]): App {
  return (environ, startResponse) => {
    const root = environ.SCRIPT_NAME;
    if (environ.PATH_INFO !== "/" && environ.PATH_INFO !== "") {
      const text = html`<h1>Not found</h1><p><a href="${root}/">The exercises served here</a></p>`;
      return htmlResponse(startResponse, "404 Not Found", text);
    }
    const items = listed.map(
      (exercise) =>
        html`<li><a href="${root}/${exercise.id}">${exercise.id}</a>: ${exercise.title} (your <code>starter/${exercise.file}</code>)</li>`,
    );
    return htmlResponse(
      startResponse,
      "200 OK",
      html`<!doctype html><title>Your exercises</title><h1>Your exercises, served</h1><ul>${items}</ul>`,
    );
  };
}

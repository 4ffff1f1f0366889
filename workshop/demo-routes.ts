/**
 * `/demos/NN/PATH` and `/traces/NN/PATH` of the workshop home: links that
 * reach lesson NN's demo, or its trace page, wherever it runs now.
 *
 * A demo picks its port when it starts, so a lesson cannot link to it
 * directly; it links here, and the home looks the demo up in the notes
 * running demos leave (running-demos.ts).
 *
 * @example
 * [/^\/(demos|traces)\/(\d\d)(\/.*)?$/, showDemo] // a route of home.ts
 */
import type { Body } from "../gateway/types.ts";
import { lessonDemos } from "./demo-catalog.ts";
import { demosPage } from "./demos-page.ts";
import { type HomeRequest, notFound, ok } from "./home-request.ts";
import { listLessons } from "./lessons.ts";
import { redirect } from "./responses.ts";
import { runningDemos } from "./running-demos.ts";

/**
 * Sends the browser to `PATH` on lesson NN's demo (or on its trace page),
 * wherever it listens now (running-demos.ts); when none runs, or several
 * do, a page says how to go on.
 * @example [/^\/(demos|traces)\/(\d\d)(\/.*)?$/, showDemo]
 */
export async function showDemo(request: HomeRequest): Promise<Body> {
  const [folder, number, rest = "/"] = request.params as [string, string, string?];
  const trace = folder === "traces";
  const lesson = (await listLessons(request.lessonsDir)).find((each) => each.number === number);
  if (lesson === undefined) return notFound(request);
  const query = request.environ.QUERY_STRING;
  const pathAndQuery = `${rest.split("/").map(encodeURIComponent).join("/")}${query ? `?${query}` : ""}`;
  const running = (await runningDemos(request.runningDemosDir)).filter(
    (demo) => demo.lesson === number && (!trace || demo.trace !== undefined),
  );
  const [only] = running;
  const base = trace ? only?.trace : only?.url;
  if (base !== undefined && running.length === 1) {
    return redirect(request.startResponse, new URL(pathAndQuery, base).href, "302 Found");
  }
  const demos = await lessonDemos(lesson.dir);
  return ok(request, demosPage(request.root, lesson, { demos, running, pathAndQuery, trace }));
}

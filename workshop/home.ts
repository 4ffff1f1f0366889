/**
 * The workshop home: a gateway app that shows the lessons.
 *
 * `npm start` serves it (see `start.ts`). It is an ordinary app, written
 * with nothing but the interface this workshop teaches: a list of routes,
 * each a pattern on `PATH_INFO` and a function that answers. A new part of
 * the home is one more route.
 *
 *   /                          the lesson index
 *   /progress                  the learner's exercises, checked now
 *   /style.css                 the style sheet
 *   /favicon.svg, /favicon.ico the home's icon
 *   /code.css                  the colours of code, shared with the slides
 *   /lessons/NN-slug/          a lesson's README, rendered, with its contents and demos
 *   /lessons/NN-slug/PATH      a file (highlighted source) or folder in that lesson    (file-routes.ts)
 *   /starter/PATH              the same for starter/ and solutions/, read-only,        (file-routes.ts)
 *   /solutions/PATH              so a lesson's links into them work
 *   /demos/NN/PATH             PATH on lesson NN's demo, wherever it runs now          (demo-routes.ts)
 *   /traces/NN/PATH            PATH on that demo's trace page (--trace), the same way  (demo-routes.ts)
 *   /slides/                   the instructor's decks                                  (slide-routes.ts)
 *   /slides/NAME               one deck, presented with reveal.js                      (slide-routes.ts)
 *   /slides/reveal/PATH        reveal.js's own files, for the decks to work offline    (slide-routes.ts)
 *   /exercises/ID              an exercise's page, its verdict live                    (live-routes.ts)
 *   /instructor                every exercise, to present one                          (live-routes.ts)
 *   /instructor/ID             the instructor's mode                                   (live-routes.ts)
 *   /guide                     the instructor's guide                                  (live-routes.ts)
 *   /live.js                   the script that keeps the live pages live               (live-routes.ts)
 *
 * The live parts change files and start processes: `createHome` gives the
 * app and the `close()` that stops what they started.
 *
 * @example
 * import { serve } from "../gateway/http-server.ts";
 * await serve(homeApp({ lessonsDir: "lessons" }), { port: 8000 });
 */
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { App, Body } from "../gateway/types.ts";
import { lessonDemos } from "./demo-catalog.ts";
import { showDemo } from "./demo-routes.ts";
import { learnerRunner } from "./exercise-checker.ts";
import { showCodeTreePath, showTreeEntry } from "./file-routes.ts";
import { lessonTree } from "./file-trees.ts";
import {
  errorResponse,
  type Handler,
  type HomeRequest,
  notFound,
  ok,
  refusingUnsafePaths,
} from "./home-request.ts";
import type { ExerciseRunner } from "./learn/run-test.ts";
import { lessonPage } from "./lesson-page.ts";
import { listLessons, readLesson } from "./lessons.ts";
import { type LiveOptions, liveRoutes } from "./live-routes.ts";
import { type Exercise, exercises } from "./manifest.ts";
import { indexPage } from "./pages.ts";
import { progressBody, progressTop } from "./progress-page.ts";
import { redirect, sendBytes } from "./responses.ts";
import { RUNNING_DEMOS_DIR, runningDemos } from "./running-demos.ts";
import { sendRevealFile, showDeck, showDeckList } from "./slide-routes.ts";
import { readDeck } from "./slides.ts";
import { deckUrl } from "./slides-page.ts";
import { lessonUrl, urlFor } from "./urls.ts";

/** Where the home finds its lessons, and how it checks the exercises. */
export interface HomeOptions extends Partial<Pick<LiveOptions, "env" | "watch" | "leaveGraceMs">> {
  /** The checkout whose `starter/` the exercise pages check and change; defaults to this one. */
  root?: string;
  /** Defaults to the repository's `lessons/` folder. */
  lessonsDir?: string;
  /** Defaults to the repository's `slides/` folder. */
  slidesDir?: string;
  /** Default to the repository's `starter/` and `solutions/` folders. */
  starterDir?: string;
  solutionsDir?: string;
  /** Where running demos leave their notes; defaults to `data/running-demos/`. */
  runningDemosDir?: string;
  /** Runs exercise tests; defaults to the checkout's shared runner of `starter/`. */
  runner?: ExerciseRunner;
  /** The exercises the progress page checks; defaults to the manifest's. */
  exercises?: readonly Exercise[];
}

const REPOSITORY_ROOT = fileURLToPath(new URL("../", import.meta.url));
const SLIDES_DIR = fileURLToPath(new URL("../slides/", import.meta.url));
const STARTER_DIR = fileURLToPath(new URL("../starter/", import.meta.url));
const SOLUTIONS_DIR = fileURLToPath(new URL("../solutions/", import.meta.url));
const STYLE_SHEET = fileURLToPath(new URL("./style.css", import.meta.url));
const CODE_STYLE_SHEET = fileURLToPath(new URL("./code.css", import.meta.url));
const FAVICON = fileURLToPath(new URL("./favicon.svg", import.meta.url));
const routes: Array<[pattern: RegExp, handler: Handler]> = [
  [/^\/$/, showIndex],
  [/^\/progress$/, showProgress],
  [/^\/style\.css$/, (request) => sendFile(request, "text/css; charset=utf-8", STYLE_SHEET)],
  [/^\/code\.css$/, (request) => sendFile(request, "text/css; charset=utf-8", CODE_STYLE_SHEET)],
  [/^\/favicon\.(?:svg|ico)$/, (request) => sendFile(request, "image/svg+xml", FAVICON)],
  [/^\/lessons\/([^/]+)$/, addSlash],
  [/^\/lessons\/([^/]+)\/(.*)$/, refusingUnsafePaths(showLessonPath)],
  [
    /^\/(starter|solutions)$/,
    (request) => redirect(request.startResponse, urlFor(request.root, `/${request.params[0]}/`)),
  ],
  [/^\/(starter|solutions)\/(.*)$/, refusingUnsafePaths(showCodeTreePath)],
  [/^\/(demos|traces)\/(\d\d)(\/.*)?$/, showDemo],
  [/^\/slides$/, (request) => redirect(request.startResponse, urlFor(request.root, "/slides/"))],
  [/^\/slides\/$/, showDeckList],
  [/^\/slides\/reveal\/(.*)$/, refusingUnsafePaths(sendRevealFile)],
  [/^\/slides\/([^/]+)$/, showDeck],
];

/** A home: its app, and what stops the tests and processes it started. */
export interface Home {
  readonly app: App;
  close(): Promise<void>;
}

/**
 * The workshop home app.
 * @example const app = homeApp({ lessonsDir: "test/fixtures/lessons" });
 */
export function homeApp(options: HomeOptions = {}): App {
  return createHome(options).app;
}

/**
 * The workshop home, with its `close()`.
 * @example const home = createHome(); await serve(home.app, address); ... await home.close();
 */
export function createHome(options: HomeOptions = {}): Home {
  const checkout = resolve(options.root ?? REPOSITORY_ROOT);
  const lessonsDir = resolve(options.lessonsDir ?? join(checkout, "lessons"));
  const slidesDir = resolve(options.slidesDir ?? SLIDES_DIR);
  const trees = {
    starterDir: resolve(options.starterDir ?? STARTER_DIR),
    solutionsDir: resolve(options.solutionsDir ?? SOLUTIONS_DIR),
    runningDemosDir: resolve(options.runningDemosDir ?? RUNNING_DEMOS_DIR),
  };
  const progress = {
    // Nothing starts until the progress page or an exercise page is first asked for.
    runner: options.runner ?? learnerRunner(checkout),
    exercises: options.exercises ?? exercises,
  };
  const live = liveRoutes({ ...options, root: checkout, lessonsDir, ...progress });
  const app: App = function home(environ, startResponse) {
    const { SCRIPT_NAME: root } = environ;
    const path = environ.PATH_INFO || "/";
    if (live.handles(path)) return live.app(environ, startResponse);
    const request = {
      ...{ environ, startResponse, root, lessonsDir, slidesDir, ...trees, progress },
      params: [],
    };
    if (environ.REQUEST_METHOD !== "GET" && environ.REQUEST_METHOD !== "HEAD") {
      const message = `This page can only be read (GET), not ${environ.REQUEST_METHOD}.`;
      return errorResponse(request, "405 Method Not Allowed", message, [["Allow", "GET, HEAD"]]);
    }
    for (const [pattern, handler] of routes) {
      const match = pattern.exec(path);
      if (match) return handler({ ...request, params: match.slice(1) });
    }
    return notFound(request);
  };
  const close = async () => {
    await live.close();
    // The runner the home made is the home's to close; one given to it stays its giver's.
    if (options.runner === undefined) await progress.runner.close();
  };
  return { app, close };
}

async function showIndex(request: HomeRequest): Promise<Body> {
  const lessons = await listLessons(request.lessonsDir);
  return ok(request, indexPage(request.root, lessons));
}

/** Streams the page: its rows come as the tests finish. A HEAD request runs no test. */
function showProgress({ environ, startResponse, root, progress }: HomeRequest): Body {
  startResponse("200 OK", [
    ["Content-Type", "text/html; charset=utf-8"],
    ["Cache-Control", "no-store"],
  ]);
  const { exercises, runner } = progress;
  if (environ.REQUEST_METHOD === "HEAD") return progressTop(root, exercises.length);
  return progressBody(root, exercises, runner);
}

async function sendFile({ startResponse }: HomeRequest, type: string, path: string): Promise<Body> {
  return sendBytes(startResponse, type, await readFile(path));
}

async function addSlash(request: HomeRequest): Promise<Body> {
  const lesson = await readLesson(request.lessonsDir, request.params[0] as string);
  if (lesson === undefined) return notFound(request);
  return redirect(request.startResponse, lessonUrl(request.root, lesson.slug));
}

async function showLessonPath(request: HomeRequest): Promise<Body> {
  const [slug, rest] = request.params;
  const lessons = await listLessons(request.lessonsDir);
  const index = lessons.findIndex((lesson) => lesson.slug === slug);
  const lesson = lessons[index];
  if (lesson === undefined) return notFound(request);
  // The README is the lesson's page: a link to it (from another lesson, say) goes there.
  if (rest === "README.md")
    return redirect(request.startResponse, lessonUrl(request.root, lesson.slug));
  if (rest !== "") return showTreeEntry(request, lessonTree(request.root, lesson), rest as string);
  const [deck, demos, running] = await Promise.all([
    readDeck(request.slidesDir, lesson.slug),
    lessonDemos(lesson.dir),
    runningDemos(request.runningDemosDir),
  ]);
  const slides = deck && deckUrl(request.root, deck.name);
  const links = {
    ...{ previous: lessons[index - 1], next: lessons[index + 1], slides, demos },
    running: running.filter((demo) => demo.lesson === lesson.number),
  };
  return ok(request, lessonPage(request.root, lesson, links));
}

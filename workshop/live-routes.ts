/**
 * The home's live parts: the exercise pages, the instructor's mode, the
 * guide, and the script that keeps their pages live.
 *
 *   /exercises/...    exercise-routes.ts
 *   /instructor/...   instructor/routes.ts
 *   /guide            guide.ts
 *   /live.js          live.js
 *
 * Unlike the rest of the home, these parts change files, start processes
 * and run tests, so they are routed with the kit's router (methods and
 * all) and own what they start: `close()` ends their streams, stops any
 * presentation and closes the test runner.
 *
 * @example
 * const live = liveRoutes({ root, lessonsDir, exercises, runner });
 * if (live.handles(environ.PATH_INFO)) return live.app(environ, startResponse);
 * // later: await live.close();
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { htmlResponse } from "../gateway/html.ts";
import { HttpError } from "../gateway/kit/http-errors.ts";
import { route, router } from "../gateway/kit/router.ts";
import type { App, Environ, StartResponse } from "../gateway/types.ts";
import { configuredEditor } from "./editor.ts";
import { exerciseRoutes } from "./exercise-routes.ts";
import { HomeGuard } from "./guard.ts";
import { guidePage } from "./guide.ts";
import { Instructor } from "./instructor/instructor.ts";
import { instructorRoutes } from "./instructor/routes.ts";
import type { ExerciseRunner } from "./learn/run-test.ts";
import { listLessons } from "./lessons.ts";
import { LiveVerdicts } from "./live/live-verdicts.ts";
import { SaveFeed, type WatchTree } from "./live/save-feed.ts";
import type { LiveContext } from "./live-context.ts";
import type { Exercise } from "./manifest.ts";
import { errorPage } from "./pages.ts";
import { sendBytes } from "./responses.ts";

/** What the live parts work on. */
export interface LiveOptions {
  /** The checkout's root. */
  readonly root: string;
  readonly lessonsDir: string;
  readonly exercises: readonly Exercise[];
  /** The checkout's shared runner of `starter/`. */
  readonly runner: ExerciseRunner;
  /** Where VISUAL or EDITOR are read (default: the home's environment). */
  readonly env?: NodeJS.ProcessEnv;
  /** How the learner's saves are noticed (default: learn/file-watch.ts's watcher). */
  readonly watch?: WatchTree;
  /** How long a presentation waits for its page to come back (default 10 s). */
  readonly leaveGraceMs?: number;
}

/** The live parts of a home. */
export interface LiveRoutes {
  readonly app: App;
  /** True for a path these parts answer. */
  handles(path: string): boolean;
  close(): Promise<void>;
}

const LIVE_SCRIPT = fileURLToPath(new URL("./live.js", import.meta.url));
const PATHS = /^\/(exercises|instructor)(\/|$)|^\/(guide|live\.js)$/;

/**
 * The live parts, ready to route.
 * @example const live = liveRoutes({ root, lessonsDir, exercises, runner });
 */
export function liveRoutes(options: LiveOptions): LiveRoutes {
  const stop = new AbortController();
  const context: LiveContext = {
    root: options.root,
    lessonsDir: options.lessonsDir,
    exercises: options.exercises,
    runner: options.runner,
    verdicts: new LiveVerdicts(
      options.runner,
      new SaveFeed(path.join(options.root, "starter"), options.watch),
    ),
    guard: new HomeGuard(),
    editor: configuredEditor(options.env ?? process.env),
    instructor: new Instructor(options.root, {
      ...(options.leaveGraceMs !== undefined && { leaveGraceMs: options.leaveGraceMs }),
    }),
    stop: stop.signal,
  };
  const app = homeErrorPages(
    router([
      ...exerciseRoutes(context),
      ...instructorRoutes(context),
      route("GET", "/guide", (environ, startResponse) => guide(context, environ, startResponse)),
      route("GET", "/live.js", async (_environ, startResponse) =>
        sendBytes(startResponse, "text/javascript; charset=utf-8", await readFile(LIVE_SCRIPT)),
      ),
    ]),
  );
  return {
    app,
    handles: (pathInfo) => PATHS.test(pathInfo),
    async close() {
      stop.abort();
      await context.instructor.close();
    },
  };
}

async function guide(context: LiveContext, environ: Environ, startResponse: StartResponse) {
  const lessons = await listLessons(context.lessonsDir);
  const markup = guidePage(environ.SCRIPT_NAME, { lessons, exercises: context.exercises });
  return htmlResponse(startResponse, "200 OK", markup);
}

/** An `HttpError` thrown by a route (a refusal, a missing exercise) as the home's own error page. */
function homeErrorPages(app: App): App {
  return async function withHomeErrors(environ, startResponse) {
    try {
      return await app(environ, startResponse);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      const page = errorPage(environ.SCRIPT_NAME, error.status, error.detail);
      return htmlResponse(startResponse, error.status, page, error.headers);
    }
  };
}

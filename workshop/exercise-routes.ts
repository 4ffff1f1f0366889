/**
 * The routes of the exercise pages:
 *
 *   GET  /exercises/ID           the page (exercise-page.ts)
 *   GET  /exercises/ID/events    its verdict, live (server-sent events)
 *   POST /exercises/ID/reset     the learner's file back as shipped, a copy kept
 *   POST /exercises/ID/catch-up  the reference for every earlier exercise that fails
 *   POST /exercises/ID/restore   a backup put back (undoes the three above)
 *   POST /exercises/ID/open      the learner's editor started on the file
 *   POST /exercises/ID/trace     the test run once more, traced, and its traces drawn
 *
 * The operations are the ones `npm run learn` runs (learn/operations.ts):
 * the page only chooses the words. Every POST passes the home's guard
 * first (guard.ts), and every file it touches comes from the manifest
 * entry the ID names: the request never names a path.
 *
 * @example
 * router([...exerciseRoutes(context), ...]);
 */
import { readFileSync } from "node:fs";
import { htmlResponse, type SafeHtml } from "../gateway/html.ts";
import { conflict } from "../gateway/kit/http-errors.ts";
import { type Route, route } from "../gateway/kit/router.ts";
import type { TraceData } from "../gateway/trace/events.ts";
import type { App, Body, Environ, StartResponse } from "../gateway/types.ts";
import { openInEditor } from "./editor.ts";
import {
  exercisePage,
  noticeOfCatchUp,
  noticeOfChange,
  noticeOfOpening,
  noticeOfRefusal,
  traceOfTestPage,
  verdictView,
} from "./exercise-page.ts";
import { inside, listBackups, readBackup } from "./learn/backups.ts";
import { catchUp, OperationError, reset, restore, solution } from "./learn/operations.ts";
import { taskOf } from "./learn/task.ts";
import { readLesson } from "./lessons.ts";
import { EVENT_STREAM_HEADERS, EventChannel } from "./live/event-channel.ts";
import { exerciseOf, type LiveContext } from "./live-context.ts";
import type { Exercise } from "./manifest.ts";

/**
 * The exercise pages' routes.
 * @example router(exerciseRoutes(context));
 */
export function exerciseRoutes(context: LiveContext): Route[] {
  const guarded = (operation: Operation): App => guardedOperation(context, operation);
  return [
    route("GET", "/exercises/:id", (environ, startResponse) =>
      page(context, environ, startResponse, "200 OK"),
    ),
    route("GET", "/exercises/:id/events", (environ, startResponse) =>
      verdicts(context, environ, startResponse),
    ),
    route("POST", "/exercises/:id/reset", guarded(resetFile)),
    route("POST", "/exercises/:id/catch-up", guarded(catchUpBefore)),
    route("POST", "/exercises/:id/restore", guarded(restoreBackup)),
    route("POST", "/exercises/:id/open", guarded(openEditor)),
    route("POST", "/exercises/:id/trace", (environ, startResponse) =>
      traceOfTest(context, environ, startResponse),
    ),
  ];
}

/** What an operation did, for the page that answers it. */
type Operation = (
  context: LiveContext,
  exercise: Exercise,
  form: URLSearchParams,
  root: string,
) => Promise<SafeHtml>;

/** An operation behind the guard; an `OperationError` becomes a 409 page that says why. */
function guardedOperation(context: LiveContext, operation: Operation): App {
  return async (environ, startResponse) => {
    const form = await context.guard.checkForm(environ);
    const exercise = exerciseOf(context, environ);
    try {
      const notice = await operation(context, exercise, form, environ.SCRIPT_NAME);
      return page(context, environ, startResponse, "200 OK", notice);
    } catch (error) {
      if (!(error instanceof OperationError)) throw error;
      const status = error.reason === "no-such-backup" ? "404 Not Found" : "409 Conflict";
      return page(context, environ, startResponse, status, noticeOfRefusal(error.message));
    }
  };
}

const resetFile: Operation = async (context, exercise, _form, root) => {
  const change = await reset(context.root, exercise);
  const done = "Put back as shipped";
  return noticeOfChange(root, exercise, change, done, context.guard.field());
};

const catchUpBefore: Operation = async (context, exercise, _form, root) => {
  const result = await catchUp(context.root, context.exercises, exercise, context.runner);
  return noticeOfCatchUp(root, exercise, result, context.guard.field());
};

/** Only a backup the operations made, of exercise files, may be put back from the browser. */
const restoreBackup: Operation = async (context, exercise, form, root) => {
  const id = form.get("backup") ?? "";
  if (!listBackups(context.root).includes(id)) readBackup(context.root, id); // throws: no such backup
  const exerciseFiles = new Set(context.exercises.map((each) => `starter/${each.file}`));
  const foreign = readBackup(context.root, id).files.filter((file) => !exerciseFiles.has(file));
  if (foreign.length > 0) {
    throw new OperationError(
      "no-such-backup",
      `backup ${id} holds files that are not exercise files (${foreign.join(", ")}): ` +
        `put it back from a terminal, with npm run learn -- restore ${id}`,
    );
  }
  const change = restore(context.root, id);
  const done = `Put back what backup ${id} kept`;
  return noticeOfChange(root, exercise, change, done, context.guard.field());
};

const openEditor: Operation = async (context, exercise) => {
  const { editor } = context;
  if (editor === undefined || !editor.windowed) {
    throw conflict(
      "The home knows no editor with a window: stop npm start (Ctrl-C) and run it again " +
        "with VISUAL or EDITOR set (for example EDITOR=code npm start), or use the VS Code link.",
    );
  }
  await openInEditor(editor, learnerFile(context, exercise)).catch((error: Error) => {
    throw conflict(`${error.message}. Check VISUAL or EDITOR, or use the VS Code link.`);
  });
  return noticeOfOpening(editor.name, `starter/${exercise.file}`);
};

/**
 * Runs the exercise's test on the checkout's one runner with the tracer on, and draws what it recorded.
 * It changes no file, but it runs the learner's code: a POST behind the guard, as the operations.
 */
async function traceOfTest(
  context: LiveContext,
  environ: Environ,
  startResponse: StartResponse,
): Promise<Body> {
  await context.guard.checkForm(environ);
  const exercise = exerciseOf(context, environ);
  let traces: TraceData[] = [];
  await context.runner.run([exercise.test], {
    onTraces: (recorded) => {
      traces = recorded;
    },
  });
  const markup = traceOfTestPage(environ.SCRIPT_NAME, exercise, traces);
  return htmlResponse(startResponse, "200 OK", markup, [["Cache-Control", "no-store"]]);
}

/** The page, with what an operation did above the verdict. */
async function page(
  context: LiveContext,
  environ: Environ,
  startResponse: StartResponse,
  status: string,
  notice?: SafeHtml,
): Promise<Body> {
  const exercise = exerciseOf(context, environ);
  const file = learnerFile(context, exercise);
  const source = readText(file);
  const lesson = await readLesson(context.lessonsDir, exercise.lesson);
  const markup = exercisePage(environ.SCRIPT_NAME, {
    exercise,
    list: context.exercises,
    lessonTitle: lesson?.title ?? exercise.lesson,
    task:
      source === undefined
        ? `starter/${exercise.file} is missing: press "Reset this exercise" below to get it back.`
        : taskOf(source),
    file,
    line: firstTodo(source),
    steps: await stepsOrWhyNot(context, exercise),
    editor: context.editor,
    tokenField: context.guard.field(),
    ...(notice && { notice }),
  });
  return htmlResponse(startResponse, status, markup, [["Cache-Control", "no-store"]]);
}

/** The live verdict: the test runs now, and again at each save, while the page is open. */
function verdicts(context: LiveContext, environ: Environ, startResponse: StartResponse): Body {
  context.guard.checkPlace(environ);
  const exercise = exerciseOf(context, environ);
  startResponse("200 OK", EVENT_STREAM_HEADERS);
  if (environ.REQUEST_METHOD === "HEAD") return [];
  return verdictEvents(context, exercise, environ);
}

async function* verdictEvents(context: LiveContext, exercise: Exercise, environ: Environ) {
  const root = environ.SCRIPT_NAME;
  const channel = new EventChannel();
  const stopWatching = context.verdicts.watch(exercise, (verdict) =>
    channel.send("verdict", String(verdictView(root, exercise, verdict, context.exercises))),
  );
  try {
    yield* channel.body(context.stop, environ["gateway.signal"]);
  } finally {
    stopWatching();
  }
}

async function stepsOrWhyNot(context: LiveContext, exercise: Exercise) {
  try {
    return await solution(context.root, exercise);
  } catch (error) {
    if (!(error instanceof OperationError)) throw error;
    return { unavailable: error.message };
  }
}

function learnerFile(context: LiveContext, exercise: Exercise): string {
  return inside(context.root, `starter/${exercise.file}`);
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/** The line of the first TODO, where the work starts; else the top. */
function firstTodo(source: string | undefined): number {
  const index = source?.split(/\r?\n/).findIndex((line) => line.includes("TODO")) ?? -1;
  return index + 1 || 1;
}

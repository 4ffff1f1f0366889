/**
 * The routes of the instructor's mode:
 *
 *   GET  /instructor             every exercise, to pick one
 *   GET  /instructor/ID          its page: a start button, or the presentation
 *   GET  /instructor/ID/events   the presentation's changes (server-sent events)
 *   POST /instructor/ID/start    copy the workshop, put the starter in, start test and demo
 *   POST /instructor/ID/step     go to the step in the form (0 is the starter as shipped)
 *   POST /instructor/ID/stop     stop the demo and delete the copy
 *
 * The POSTs pass the home's guard (../guard.ts). A POST sent by a page's
 * script (live.js) is answered 204, since the page redraws from its stream;
 * a plain form gets a 303 back to the page.
 *
 * @example
 * router([...instructorRoutes(context)]);
 */
import { htmlResponse } from "../../gateway/html.ts";
import { badRequest, conflict } from "../../gateway/kit/http-errors.ts";
import { type Route, route } from "../../gateway/kit/router.ts";
import type { App, Body, Environ, StartResponse } from "../../gateway/types.ts";
import { verdictView } from "../exercise-page.ts";
import { OperationError } from "../learn/operations.ts";
import { listLessons, readLesson } from "../lessons.ts";
import { EVENT_STREAM_HEADERS, EventChannel } from "../live/event-channel.ts";
import { exerciseOf, type LiveContext } from "../live-context.ts";
import type { Exercise } from "../manifest.ts";
import { instructorUrl } from "../urls.ts";
import type { Part, Presentation } from "./presentation.ts";
import { demoPart, instructorIndexPage, presenterPage, stepPart } from "./presenter-page.ts";

/**
 * The instructor's mode's routes.
 * @example router(instructorRoutes(context));
 */
export function instructorRoutes(context: LiveContext): Route[] {
  return [
    route("GET", "/instructor", (environ, startResponse) => index(context, environ, startResponse)),
    route("GET", "/instructor/:id", (environ, startResponse) =>
      page(context, environ, startResponse, "200 OK"),
    ),
    route("GET", "/instructor/:id/events", (environ, startResponse) =>
      events(context, environ, startResponse),
    ),
    route("POST", "/instructor/:id/start", action(context, start)),
    route("POST", "/instructor/:id/step", action(context, step)),
    route("POST", "/instructor/:id/stop", action(context, stop)),
  ];
}

type Action = (context: LiveContext, exercise: Exercise, form: URLSearchParams) => Promise<void>;

const start: Action = async (context, exercise) => {
  await context.instructor.start(exercise);
};

const step: Action = async (context, exercise, form) => {
  const presentation = running(context, exercise);
  const to = Number(form.get("step") ?? "");
  if (!Number.isInteger(to) || to < 0 || to > presentation.steps.length) {
    throw badRequest(`The step must be a whole number from 0 to ${presentation.steps.length}.`);
  }
  await presentation.goTo(to);
};

const stop: Action = async (context, exercise) => {
  if (context.instructor.current(exercise) !== undefined) await context.instructor.end();
};

/** An action behind the guard; an `OperationError` (no git, no reference) is a 409 page. */
function action(context: LiveContext, act: Action): App {
  return async (environ, startResponse) => {
    const form = await context.guard.checkForm(environ);
    const exercise = exerciseOf(context, environ);
    try {
      await act(context, exercise, form);
    } catch (error) {
      if (!(error instanceof OperationError)) throw error;
      return page(context, environ, startResponse, "409 Conflict", error.message);
    }
    if (environ.HTTP_X_LIVE_FORM !== undefined) {
      startResponse("204 No Content", []);
      return [];
    }
    startResponse("303 See Other", [
      ["Location", instructorUrl(environ.SCRIPT_NAME, exercise.id)],
      ["Content-Type", "text/plain; charset=utf-8"],
    ]);
    return [new TextEncoder().encode("Done: back to the page.\n")];
  };
}

function running(context: LiveContext, exercise: Exercise): Presentation {
  const presentation = context.instructor.current(exercise);
  if (presentation === undefined) {
    throw conflict(
      `${exercise.id} is not being presented (it stopped when its page was left): start it again.`,
    );
  }
  return presentation;
}

async function index(context: LiveContext, environ: Environ, startResponse: StartResponse) {
  const lessons = await listLessons(context.lessonsDir);
  const titles = new Map(lessons.map((lesson) => [lesson.slug, lesson.title]));
  const markup = instructorIndexPage(environ.SCRIPT_NAME, context.exercises, titles);
  return htmlResponse(startResponse, "200 OK", markup);
}

async function page(
  context: LiveContext,
  environ: Environ,
  startResponse: StartResponse,
  status: string,
  refusal?: string,
): Promise<Body> {
  const exercise = exerciseOf(context, environ);
  const lesson = await readLesson(context.lessonsDir, exercise.lesson);
  const markup = presenterPage(environ.SCRIPT_NAME, {
    exercise,
    list: context.exercises,
    lessonTitle: lesson?.title ?? exercise.lesson,
    presentation: context.instructor.current(exercise),
    tokenField: context.guard.field(),
    ...(refusal !== undefined && { refusal }),
  });
  return htmlResponse(startResponse, status, markup, [["Cache-Control", "no-store"]]);
}

/**
 * The presentation's parts as they change, while this page is open. A page whose presentation
 * has ended meanwhile is told to reload, and shows the start button again (an error answer
 * would leave it frozen: a browser does not retry an event stream refused).
 */
function events(context: LiveContext, environ: Environ, startResponse: StartResponse): Body {
  context.guard.checkPlace(environ);
  const exercise = exerciseOf(context, environ);
  const presentation = context.instructor.current(exercise);
  startResponse("200 OK", EVENT_STREAM_HEADERS);
  if (environ.REQUEST_METHOD === "HEAD") return [];
  if (presentation === undefined) return endedEvents(context);
  return presentationEvents(context, presentation, environ);
}

function endedEvents(context: LiveContext) {
  const channel = new EventChannel();
  sendEnded(channel);
  return channel.body(context.stop);
}

/** The last event of a presentation's stream: the page reloads, and shows the start button again. */
function sendEnded(channel: EventChannel): void {
  channel.send("reload", "the presentation ended");
  channel.end();
}

async function* presentationEvents(
  context: LiveContext,
  presentation: Presentation,
  environ: Environ,
) {
  const root = environ.SCRIPT_NAME;
  const channel = new EventChannel();
  const tokenField = context.guard.field();
  const send = (part: Part) => {
    if (part === "step") channel.send(part, String(stepPart(root, presentation, tokenField)));
    if (part === "demo") channel.send(part, String(demoPart(presentation.demo)));
    if (part === "verdict") {
      const { exercise, verdict } = presentation;
      channel.send(part, String(verdictView(root, exercise, verdict, context.exercises)));
    }
    if (part === "ended") sendEnded(channel);
  };
  const leave = context.instructor.attach();
  const unsubscribe = presentation.subscribe(send);
  for (const part of ["step", "verdict", "demo"] as const) send(part);
  try {
    yield* channel.body(context.stop, environ["gateway.signal"]);
  } finally {
    unsubscribe();
    leave();
  }
}

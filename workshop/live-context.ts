/**
 * What the home's live parts share: the exercise pages, the instructor's
 * mode and the guide all answer from one of these (live-routes.ts makes it),
 * and find the exercise a route names with `exerciseOf`.
 *
 * @example
 * const exercise = findExercise(id, context.exercises);
 * await reset(context.root, exercise);
 */
import { notFound } from "../gateway/kit/http-errors.ts";
import { routeParams } from "../gateway/kit/router.ts";
import type { Environ } from "../gateway/types.ts";
import type { Editor } from "./editor.ts";
import type { HomeGuard } from "./guard.ts";
import type { Instructor } from "./instructor/instructor.ts";
import type { ExerciseRunner } from "./learn/run-test.ts";
import type { LiveVerdicts } from "./live/live-verdicts.ts";
import { type Exercise, findExercise } from "./manifest.ts";

/** The checkout, its exercises, and the services the live pages use. */
export interface LiveContext {
  /** The checkout's root: `starter/`, `solutions/` and `data/` are under it. */
  readonly root: string;
  readonly lessonsDir: string;
  readonly exercises: readonly Exercise[];
  /** The checkout's shared runner of `starter/`. */
  readonly runner: ExerciseRunner;
  readonly verdicts: LiveVerdicts;
  readonly guard: HomeGuard;
  /** The learner's editor, from VISUAL or EDITOR when the home started. */
  readonly editor: Editor | undefined;
  readonly instructor: Instructor;
  /** Aborted when the home closes: every live stream ends. */
  readonly stop: AbortSignal;
}

/**
 * The exercise the route's `:id` names, or a 404 that lists where to look.
 * @example const exercise = exerciseOf(context, environ);
 */
export function exerciseOf(context: LiveContext, environ: Environ): Exercise {
  const { id = "" } = routeParams(environ);
  const exercise = findExercise(id, context.exercises);
  if (exercise === undefined) {
    throw notFound(
      `There is no exercise "${id}": ids look like 05-add-header, and the instructor's index (/instructor) lists them all.`,
    );
  }
  return exercise;
}

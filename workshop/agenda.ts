/**
 * The class's agenda: how long each lesson takes in a half-day and a
 * full-day class, and which demos to run in it.
 *
 * Only the timings and the choice of demos live here. The lessons' titles
 * come from their READMEs, the exercises and their hints from the manifest,
 * and each demo named here must be a `demo-NAME.ts` of its lesson (a test
 * checks, and that every lesson is here), so the guide (guide.ts) never
 * says something the rest of the workshop does not.
 *
 * The full day runs every lesson with its exercises in class. The half day
 * keeps the path from bytes on a socket to middleware and errors, with the
 * exercises of the lessons it shortens left for later; lessons 10 to 13 are
 * for self-study (their READMEs are written for it).
 *
 * @example
 * for (const item of agenda) console.log(item.lesson ?? item.pause, item.minutes.full);
 */

/** Minutes in each kind of class; 0 leaves the lesson out of that class. */
export interface Minutes {
  readonly half: number;
  readonly full: number;
}

/** One row of the agenda: a lesson, or a pause. */
export type AgendaItem =
  | {
      /** The lesson folder: "03-gateway-app". */
      readonly lesson: string;
      readonly minutes: Minutes;
      /** The lesson's demos to run, by name: "" is `npm run demo -- N`, "countdown" is `npm run demo -- N countdown`. */
      readonly demos: readonly string[];
      /** In the half day: do the exercises in class, or leave them for later. */
      readonly halfDayExercises: "in class" | "later";
    }
  | { readonly pause: string; readonly minutes: Minutes };

/** When the class starts, in minutes after midnight (9:00). */
export const START = 9 * 60;

/** The agenda, in order. */
export const agenda: readonly AgendaItem[] = [
  {
    lesson: "01-http-by-hand",
    minutes: { half: 15, full: 25 },
    demos: ["", "exercise"],
    halfDayExercises: "in class",
  },
  {
    lesson: "02-cgi-hello-world",
    minutes: { half: 15, full: 25 },
    demos: [""],
    halfDayExercises: "later",
  },
  {
    lesson: "03-gateway-app",
    minutes: { half: 30, full: 30 },
    demos: ["", "countdown", "exercise"],
    halfDayExercises: "in class",
  },
  {
    lesson: "04-many-servers",
    minutes: { half: 15, full: 20 },
    demos: ["", "cgi", "client"],
    halfDayExercises: "later",
  },
  { pause: "Coffee", minutes: { half: 10, full: 15 } },
  {
    lesson: "05-function-middleware",
    minutes: { half: 30, full: 30 },
    demos: ["", "exercise"],
    halfDayExercises: "in class",
  },
  {
    lesson: "06-class-middleware",
    minutes: { half: 15, full: 25 },
    demos: ["", "unbound", "race"],
    halfDayExercises: "later",
  },
  {
    lesson: "07-generators",
    minutes: { half: 25, full: 35 },
    demos: ["", "exercise"],
    halfDayExercises: "in class",
  },
  { pause: "Lunch", minutes: { half: 0, full: 60 } },
  {
    lesson: "08-errors",
    minutes: { half: 25, full: 35 },
    demos: ["", "exercise"],
    halfDayExercises: "later",
  },
  {
    lesson: "09-reuse",
    minutes: { half: 15, full: 30 },
    demos: ["", "by-hand"],
    halfDayExercises: "later",
  },
  { pause: "Coffee", minutes: { half: 0, full: 15 } },
  {
    lesson: "10-debugger",
    minutes: { half: 0, full: 25 },
    demos: ["", "exercise"],
    halfDayExercises: "later",
  },
  {
    lesson: "11-sign-in",
    minutes: { half: 0, full: 60 },
    demos: [""],
    halfDayExercises: "later",
  },
  {
    lesson: "12-deployment",
    minutes: { half: 0, full: 35 },
    demos: ["", "express", "fetch"],
    halfDayExercises: "later",
  },
  {
    lesson: "13-many-workers",
    minutes: { half: 0, full: 35 },
    demos: ["", "nginx"],
    halfDayExercises: "later",
  },
];

/**
 * The exercise manifest: every exercise of the workshop, in the order a learner meets them.
 *
 * `npm run learn` walks this list (the first unsolved one is the current
 * exercise), `npm run prove` proves each entry, and the workshop home shows
 * progress from it. There is no other list: an exercise missing here does not exist.
 *
 * ## Adding an exercise (lesson writers)
 *
 * 1. Write the reference in `solutions/<lesson>/<name>.ts`, then copy it to
 *    `starter/<lesson>/<name>.ts` and replace the bodies by a task statement
 *    (the comment block at the top of the file: `npm run learn` shows it) and
 *    `TODO`s where the work goes. Both files must type-check.
 * 2. Write its one test, `test/exercises/<lesson>/<name>.test.ts`. Load the
 *    file with `exerciseExport` from `test/exercises/load-exercise.ts` (never
 *    import `solutions/` directly: the same test checks either tree), and give
 *    every `expect` a message for the learner (see that file's example).
 * 3. Add an entry below, in lesson order. `hints` is a ladder: each hint says a
 *    little more than the one before; the last names the README section to read,
 *    as `Read lessons/<lesson>/README.md, 'Exercise: <heading>'.` (the heading
 *    must exist: the manifest test checks it).
 * 4. Commit the starter, then run `npm run prove`: the test must fail on the
 *    committed starter and pass on the solution. `npm test` checks the entry is
 *    well-formed (both files, the test, the hints).
 *
 * @example
 * {
 *   id: "05-add-header",
 *   lesson: "05-function-middleware",
 *   file: "05-function-middleware/add-header.ts",
 *   test: "test/exercises/05-function-middleware/add-header.test.ts",
 *   title: "A middleware that adds a header",
 *   hints: [
 *     "A middleware returns a new app that calls the app it wraps.",
 *     "Wrap startResponse: call the original with your header appended.",
 *     "Read lessons/05-function-middleware/README.md, 'Exercise: add a header'.",
 *   ],
 * },
 */

/** One exercise: a file the learner edits, and the test that says when it is done. */
export interface Exercise {
  /** Unique, starts with the lesson number: "05-add-header". `npm run learn -- check ID` takes it. */
  readonly id: string;
  /** The lesson folder under `lessons/`: "05-function-middleware". */
  readonly lesson: string;
  /** Path inside `starter/` and `solutions/` (the same in both), with `/`: "05-function-middleware/add-header.ts". */
  readonly file: string;
  /** The exercise's test, from the repository root: "test/exercises/05-function-middleware/add-header.test.ts". */
  readonly test: string;
  /** One line, shown above the task: "A middleware that adds a header". */
  readonly title: string;
  /** At least two, each more telling; the last names the lesson README section. */
  readonly hints: readonly string[];
}

/** Every exercise, in the order a learner should solve them. Lesson writers: add entries here. */
export const exercises: readonly Exercise[] = [
  // Lessons 02-04.
  // Lessons 05-08.
  // Lesson 09.
  // Lesson 10.
  // Lesson 11.
];

/**
 * The exercise with this id, if any.
 *
 * @example
 * findExercise("05-add-header")?.file; // "05-function-middleware/add-header.ts"
 */
export function findExercise(
  id: string,
  list: readonly Exercise[] = exercises,
): Exercise | undefined {
  return list.find((exercise) => exercise.id === id);
}

/**
 * The exercise whose file this is (a path inside the tree, with `/`), if any.
 * `npm run learn` uses it to rerun the exercise a learner just saved.
 *
 * @example
 * exerciseForFile("05-function-middleware/add-header.ts")?.id; // "05-add-header"
 */
export function exerciseForFile(
  file: string,
  list: readonly Exercise[] = exercises,
): Exercise | undefined {
  return list.find((exercise) => exercise.file === file);
}

/**
 * The exercises of one lesson, in manifest order.
 *
 * @example
 * exercisesOfLesson("05-function-middleware").map((e) => e.id); // ["05-add-header", ...]
 */
export function exercisesOfLesson(
  lesson: string,
  list: readonly Exercise[] = exercises,
): Exercise[] {
  return list.filter((exercise) => exercise.lesson === lesson);
}

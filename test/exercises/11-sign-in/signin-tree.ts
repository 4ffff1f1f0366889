/**
 * The sign-in app's exercise tests share this: the lesson's sections, and
 * the app's modules loaded from the tree under test (`EXERCISE_ROOT`), for
 * the fixture in test/signin/signin-fixture.ts.
 *
 * @example
 * const section = signinSection("Exercise: sign out");
 * const fixture = await SigninFixture.open(await treeModules(section));
 */
import type { SigninModules } from "../../signin/signin-fixture.ts";
import { exerciseExport, type LessonSection, lessonSection } from "../load-exercise.ts";

/**
 * A section of lessons/11-sign-in/README.md, for failure messages.
 * @example signinSection("Exercise: check the password").see
 */
export function signinSection(heading: string): LessonSection {
  return lessonSection("11-sign-in", heading);
}

/**
 * The app's entry points, from the tree under test.
 * @example const fixture = await SigninFixture.open(await treeModules(section));
 */
export async function treeModules(section: LessonSection): Promise<SigninModules> {
  return {
    createApp: await exerciseExport("signin/app.ts", "createApp", "function", section),
    openSqliteStore: await exerciseExport(
      "signin/store/sqlite-store.ts",
      "openSqliteStore",
      "function",
      section,
    ),
  };
}

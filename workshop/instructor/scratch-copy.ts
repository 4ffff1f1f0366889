/**
 * A scratch copy of the workshop, for the instructor's mode to change.
 *
 * The instructor steps through a solution in front of the class, and each
 * step is written into a file; never into the instructor's own `starter/`,
 * which `npm run prove` and the instructor's own progress read. So the
 * mode copies the checkout into a temporary folder first: everything but
 * git's history, the installed packages and the data (what `.gitignore`
 * keeps out), with `node_modules` reached through a link, as the tests'
 * copies do. The tests and the demos then run from the copy, and the copy
 * is deleted when the presentation ends.
 *
 * @example
 * const scratch = await makeScratchCopy("/home/me/workshop");
 * // ... write into `${scratch.root}/starter/...`, run its tests and demos ...
 * await scratch.remove();
 */
import { cp, mkdtemp, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

/** A copy that exists until `remove()`. */
export interface ScratchCopy {
  /** The copy's root: the same layout as the checkout. */
  readonly root: string;
  remove(): Promise<void>;
}

/** What is not copied, by name, anywhere in the tree. */
const LEFT_OUT = new Set([
  ".git",
  "node_modules",
  "data",
  ".proof",
  ".vitest-cache",
  "coverage",
  "test-results",
]);

/**
 * Copies the checkout at `checkout` into a new temporary folder.
 * @example const { root } = await makeScratchCopy(checkout);
 */
export async function makeScratchCopy(checkout: string): Promise<ScratchCopy> {
  const folder = await mkdtemp(path.join(tmpdir(), "workshop-scratch-"));
  const root = path.join(folder, "workshop");
  try {
    await cp(checkout, root, {
      recursive: true,
      filter: (source) => !LEFT_OUT.has(path.basename(source)) && !source.endsWith(".log"),
    });
    // A junction needs no special rights on Windows; elsewhere it is a plain symlink.
    await symlink(path.join(checkout, "node_modules"), path.join(root, "node_modules"), "junction");
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
  return { root, remove: () => rm(folder, { recursive: true, force: true }) };
}

/**
 * The proof tree: a copy of `solutions/` where one exercise at a time is the committed starter.
 *
 * It sits at `<root>/.proof/`, beside `solutions/`, so the exercise files'
 * relative imports (`../../gateway/...`) reach the same modules. The starter
 * is read from git's last commit, never from the working tree: a maintainer's
 * half-edited starter must not make the proof pass.
 *
 * @example
 * const tree = createProofTree(root);
 * tree.put("05-function-middleware/add-header.ts", await committedStarter(root, "05-function-middleware/add-header.ts"));
 * // ... run its test with EXERCISE_ROOT=tree.dir ...
 * tree.restore("05-function-middleware/add-header.ts");
 * tree.remove();
 */
import { cpSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gitShow } from "../../workshop/learn/shipped-starter.ts";

/** A copy of `solutions/` at `<root>/.proof/`. */
export interface ProofTree {
  /** Its absolute path: the `EXERCISE_ROOT` of the proof. */
  readonly dir: string;
  /** Replaces one exercise file (a path inside the tree, with "/") by these bytes. */
  put(file: string, content: Uint8Array): void;
  /** Puts the solution's version of the file back. */
  restore(file: string): void;
  /** Deletes the tree. */
  remove(): void;
}

/**
 * Copies `<root>/solutions` to `<root>/.proof`, replacing any earlier proof tree.
 *
 * @example
 * const tree = createProofTree("/home/me/workshop"); // tree.dir is /home/me/workshop/.proof
 */
export function createProofTree(root: string): ProofTree {
  const dir = path.join(root, ".proof");
  const solutions = path.join(root, "solutions");
  const inside = (base: string, file: string) => path.join(base, ...file.split("/"));
  rmSync(dir, { recursive: true, force: true });
  cpSync(solutions, dir, { recursive: true });
  return {
    dir,
    put: (file, content) => writeFileSync(inside(dir, file), content),
    restore: (file) => cpSync(inside(solutions, file), inside(dir, file)),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * The starter version of an exercise file as committed in git's HEAD.
 * Rejects with a sentence saying what to do when it is not committed.
 *
 * @example
 * const bytes = await committedStarter(root, "05-function-middleware/add-header.ts");
 */
export async function committedStarter(root: string, file: string): Promise<Buffer> {
  const shown = await gitShow(root, "HEAD", `starter/${file}`);
  if ("bytes" in shown) return shown.bytes;
  throw new Error(
    `starter/${file} is not in the last commit (git: ${shown.detail}); commit it: ` +
      "the proof reads the committed starter, never the working tree",
  );
}

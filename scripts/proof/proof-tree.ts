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
import { execFile } from "node:child_process";
import { cpSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

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
export function committedStarter(root: string, file: string): Promise<Buffer> {
  // "./" makes the path relative to `root`, which may sit below the top of the repository.
  const spec = `HEAD:./starter/${file}`;
  return new Promise((resolve, reject) => {
    execFile("git", ["show", spec], { cwd: root, encoding: "buffer" }, (error, stdout, stderr) => {
      if (error === null) return resolve(stdout);
      const reason = stderr.toString().trim() || error.message;
      reject(
        new Error(
          `starter/${file} is not in the last commit (git: ${reason}); commit it: ` +
            "the proof reads the committed starter, never the working tree",
        ),
      );
    });
  });
}

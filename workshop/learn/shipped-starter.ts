/**
 * The starter as shipped: a learner's file as it came with the workshop, read from git.
 *
 * A learner edits `starter/` in place, so the version they started from
 * lives only in git: `origin/HEAD` (the class's copy, as cloned or last
 * fetched) when there is one, else `HEAD` (a copy that was never cloned, or
 * a maintainer's own). `npm run learn -- reset` puts it back, and
 * `npm run learn -- solution` shows the steps from it to the reference.
 * Without git nothing can be known, and the operation says so.
 *
 * @example
 * const bytes = await shippedStarter(root, "05-function-middleware/add-header.ts");
 */
import { execFile } from "node:child_process";
import { OperationError } from "./operation-error.ts";

/** What `git show` gave: the bytes, or why not. */
export type GitShown =
  | { readonly bytes: Buffer }
  | { readonly problem: "no-git" | "not-a-repository" | "not-there"; readonly detail: string };

/**
 * The starter version of `file` (a path inside `starter/`, with "/") as shipped.
 *
 * @example
 * await shippedStarter("/home/me/workshop", "signin/csrf.ts"); // <Buffer ...>
 */
export async function shippedStarter(root: string, file: string): Promise<Buffer> {
  const ref = (await hasRef(root, "origin/HEAD")) ? "origin/HEAD" : "HEAD";
  const shown = await gitShow(root, ref, `starter/${file}`);
  if ("bytes" in shown) return shown.bytes;
  if (shown.problem === "not-there") {
    throw new OperationError(
      "not-shipped",
      `starter/${file} is not in git's ${ref}, so there is no shipped version of it to go back to`,
    );
  }
  const why = shown.problem === "no-git" ? "git is not installed" : "this copy is not a git clone";
  throw new OperationError(
    "no-git",
    `${why}, so the starter as shipped is unknown: nothing was changed. ` +
      "(A copy from git, git clone URL, keeps it.)",
  );
}

/**
 * `git show REF:./PATH` from `root` (which may lie below the top of the repository).
 *
 * @example
 * const shown = await gitShow(root, "HEAD", "starter/05-function-middleware/add-header.ts");
 * if ("bytes" in shown) use(shown.bytes);
 */
export function gitShow(root: string, ref: string, file: string): Promise<GitShown> {
  return new Promise((resolve) => {
    execFile(
      "git",
      ["show", `${ref}:./${file}`],
      { cwd: root, encoding: "buffer", env: gitEnvironment(), maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error === null) return resolve({ bytes: stdout });
        const detail = stderr.toString().trim() || error.message;
        if ((error as NodeJS.ErrnoException).code === "ENOENT") {
          return resolve({ problem: "no-git", detail });
        }
        const problem = /not a git repository/i.test(detail) ? "not-a-repository" : "not-there";
        resolve({ problem, detail });
      },
    );
  });
}

/** True when `ref` names a commit in the repository at `root`. */
function hasRef(root: string, ref: string): Promise<boolean> {
  return new Promise((resolve) => {
    execFile(
      "git",
      ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`],
      { cwd: root, env: gitEnvironment() },
      (error) => resolve(error === null),
    );
  });
}

/** The environment without GIT_* variables: inside a git hook they point at another repository. */
function gitEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith("GIT_")),
  );
}

/**
 * Running `npm run learn` in-process against a repository, and asking the checkout's shared
 * runner what it has done: for the tests of the learner's commands.
 *
 * @example
 * const { code, output, errors } = await runLearn(repo.root, "hint", "01-greet");
 * expect((await servingRunner(repo.root, tree)).runs).toBe(2);
 */
import { copyFileSync } from "node:fs";
import path from "node:path";
import { PassThrough, Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { learn } from "../../workshop/learn/commands.ts";
import { type RunnerIdentity, SERVICE } from "../../workshop/learn/runner-service.ts";
import { candidatePorts } from "../../workshop/learn/shared-runner.ts";

/** Test files of the fixture repository (test/fixtures/learn), as a runner names them. */
export const greetTest = "test/exercises/01-basics/greet.test.ts";
export const shoutTest = "test/exercises/01-basics/shout.test.ts";
export const countTest = "test/exercises/02-deeper/count.test.ts";

/** A setup file that makes each test of a run slow, as on a busy machine. */
export const slowMachine = fileURLToPath(
  new URL("../fixtures/learn/slow-machine.ts", import.meta.url),
);

/**
 * A starter file of the fixture repository's lesson 01.
 * @example writeFileSync(starterFile(repo.root, "greet.ts"), "export const greet = 1;\n");
 */
export function starterFile(root: string, name: string): string {
  return path.join(root, "starter", "01-basics", name);
}

/**
 * Puts the fixture's solution of lesson 01's `name` in place of its starter.
 * @example solve(repo.root, "greet.ts");
 */
export function solve(root: string, name: string): void {
  copyFileSync(path.join(root, "solutions", "01-basics", name), starterFile(root, name));
}

/** A stream that keeps what is written to it. */
class Collect extends Writable {
  text = "";
  override _write(chunk: Buffer, _encoding: string, done: () => void) {
    this.text += chunk.toString();
    done();
  }
}

/**
 * `npm run learn -- ...args --root ROOT`, with plain streams (no terminal on either side).
 *
 * @example
 * await runLearn(root, "reset", "01-greet"); // { code: 0, output: "✓ Put back as shipped: ...", errors: "" }
 */
export async function runLearn(
  root: string,
  ...args: string[]
): Promise<{ code: number; output: string; errors: string }> {
  const output = new Collect();
  const errors = new Collect();
  const io = { input: new PassThrough(), output, errors, env: {} };
  const code = await learn([...args, "--root", root], io);
  return { code, output: output.text, errors: errors.text };
}

/**
 * The port of the shared runner that serves `root`'s `tree`, and how many runs it has served,
 * asked over HTTP as any program would. It looks where the programs look (`candidatePorts`), in
 * their order: the first port may be held by another checkout's runner, as when several test
 * files (or two `npm test`) host runners at once.
 *
 * @example
 * await servingRunner(repo.root, path.join(repo.root, "starter")); // { port: 29847, runs: 3 }
 */
export async function servingRunner(
  root: string,
  tree: string,
): Promise<{ port: number; runs: number }> {
  for (const port of candidatePorts(root, tree)) {
    const who = await fetch(`http://127.0.0.1:${port}/runner`)
      .then((response) => response.json() as Promise<Partial<RunnerIdentity>>)
      .catch(() => undefined);
    if (who?.service === SERVICE && who.root === root && who.tree === tree) {
      return { port, runs: who.runs ?? 0 };
    }
  }
  throw new Error(`no shared runner serves ${tree}`);
}

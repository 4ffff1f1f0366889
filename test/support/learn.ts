/**
 * Running `npm run learn` in-process against a repository, and asking the checkout's shared
 * runner what it has done: for the tests of the learner's commands.
 *
 * @example
 * const { code, output, errors } = await runLearn(repo.root, "hint", "01-greet");
 * expect(await runsServed(port)).toBe(2);
 */
import { PassThrough, Writable } from "node:stream";
import { learn } from "../../workshop/learn/commands.ts";

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
 * How many runs the shared runner on `port` has served, asked over HTTP as any program would.
 *
 * @example
 * await runsServed(candidatePorts(root, tree)[0]); // 3
 */
export async function runsServed(port: number): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${port}/runner`);
  return ((await response.json()) as { runs: number }).runs;
}

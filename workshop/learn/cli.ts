/**
 * `npm run learn`: the learner's exercise loop (see commands.ts for the commands).
 *
 * @example
 * // npm run learn                      watch starter/ and coach
 * // npm run learn -- list              every exercise with its status
 * // npm run learn -- check 05-add-header
 */
import { warnIfUntestedNode } from "../node-version.ts";
import { learn } from "./commands.ts";

warnIfUntestedNode();
process.exitCode = await learn(process.argv.slice(2), {
  input: process.stdin,
  output: process.stdout,
  errors: process.stderr,
  env: process.env,
  interrupts: process,
});

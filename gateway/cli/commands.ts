/**
 * The list of `gateway` commands, and the usage text made from it.
 *
 * A new command is a file in `commands/` and one line in `commands` below;
 * the usage text and the dispatch in `main.ts` follow from the list.
 *
 * @example
 * findCommand("serve").run(["app.ts", "--port", "8003"]);
 */
import { UsageError } from "./cli-error.ts";
import type { Command } from "./command.ts";
import { cgiCommand } from "./commands/cgi.ts";
import { cgiHostCommand } from "./commands/cgi-host.ts";
import { fastcgiCommand } from "./commands/fastcgi.ts";
import { reloadCommand } from "./commands/reload.ts";
import { serveCommand } from "./commands/serve.ts";

/** Every command, in the order the usage lists them. */
export const commands: readonly Command[] = [
  serveCommand,
  cgiCommand,
  cgiHostCommand,
  fastcgiCommand,
  reloadCommand,
];

/**
 * The command called `name`; a `UsageError` when there is none.
 * @example findCommand("cgi").name; // "cgi"
 */
export function findCommand(name: string): Command {
  const command = commands.find((candidate) => candidate.name === name);
  if (command === undefined) throw new UsageError(`unknown command "${name}".`);
  return command;
}

/**
 * The text `gateway --help` prints.
 * @example console.log(usage());
 */
export function usage(): string {
  const lines = commands.map(
    (command) => `  gateway ${command.name} ${command.synopsis}\n      ${command.summary}`,
  );
  return [
    "Usage:",
    ...lines,
    "",
    "EXPORT defaults to `app`, then the default export.",
    "--host and --port default to the HOST and PORT environment variables,",
    "then to 127.0.0.1 and 8000 (9000 for fastcgi).",
    "--workers N serves from N processes (auto: one per core), replacing any that dies;",
    "SIGHUP or `gateway reload` replaces them one at a time. --graceful-timeout is how",
    "long requests under way may finish on Ctrl-C (default 10 with --workers, else 0).",
  ].join("\n");
}

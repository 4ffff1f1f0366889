/**
 * Running a README's transcript blocks afresh: what each would show now.
 *
 * Blocks run in README order. The blocks that name the same `server` share
 * one process of it, started before the first and stopped after the last
 * (one demo per README keeps `npm test` fast). A `show="server"` block shows
 * what the server printed from the end of the block before it (from its
 * start, for the first) until its own `until` text; a block whose request
 * makes the server print after the answer says `until` too, so that the
 * next block starts with nothing left to come. A block with a server and no
 * `run` shows a start of its own: the server runs until it listens (and
 * prints `until`), then is stopped as Ctrl-C would, and shows all it printed.
 * The system picks the server's port; the client's command is run against
 * it, and the output shows the lesson's port (transcript-rules.ts).
 *
 * @example
 * const fresh = await runTranscripts(root, "lessons/01-http-by-hand", blocks);
 * fresh[0]; // "$ curl -si http://127.0.0.1:8001/hello\nHTTP/1.1 200 OK\n..."
 */
import path from "node:path";
import { CommandProcess, freePort } from "./command-process.ts";
import type { TranscriptBlock, TranscriptSpec } from "./transcript-blocks.ts";
import { applyRules, shownRules } from "./transcript-rules.ts";

/** A server for transcripts: its process and the ports to show as the lesson's. */
interface Server {
  readonly process: CommandProcess;
  readonly given: string;
}

/**
 * The fresh text of each block (undefined for a block `include` leaves out).
 *
 * @example
 * await runTranscripts(root, "lessons/09-reuse", blocks, (spec) => spec.needs.length === 0);
 */
export async function runTranscripts(
  root: string,
  lessonFolder: string,
  blocks: readonly TranscriptBlock[],
  include: (spec: TranscriptSpec) => boolean = () => true,
): Promise<(string | undefined)[]> {
  const chosen = blocks.map((block) => include(block.spec));
  const lastUse = new Map<string, number>();
  blocks.forEach(({ spec }, index) => {
    if (chosen[index] && spec.server !== undefined && spec.run !== undefined) {
      lastUse.set(spec.server, index);
    }
  });
  const shared = new Map<string, Server>();
  const lessonPort = defaultPort(lessonFolder);
  const fresh: (string | undefined)[] = [];
  try {
    for (const [index, { spec }] of blocks.entries()) {
      if (!chosen[index]) {
        fresh.push(undefined);
        continue;
      }
      fresh.push(await runBlock(root, spec, shared, lessonPort));
      if (spec.server !== undefined && lastUse.get(spec.server) === index) {
        await shared.get(spec.server)?.process.stop();
        shared.delete(spec.server);
      }
    }
  } finally {
    await Promise.all([...shared.values()].map((server) => server.process.stop()));
  }
  return fresh;
}

async function runBlock(
  root: string,
  spec: TranscriptSpec,
  shared: Map<string, Server>,
  lessonPort: string,
): Promise<string> {
  const shownPort = portIn(spec.run ?? "") ?? portIn(spec.server ?? "") ?? lessonPort;
  if (spec.run === undefined && spec.server !== undefined) {
    return shown(root, spec, await startAndStop(root, spec.server, spec.until, shownPort));
  }
  const started = spec.server !== undefined && !shared.has(spec.server);
  const server = await sharedServer(root, spec, shared, shownPort);
  // The first block of a server shows its start too: what a learner sees first.
  const before = started ? 0 : (server?.process.output.length ?? 0);
  const ports = new Map(server === undefined ? [] : [[server.given, shownPort]]);
  const command = server === undefined ? spec.run : onPort(spec.run ?? "", shownPort, server.given);
  let output = (await CommandProcess.run(command ?? "", root)).output;
  if (server !== undefined && spec.until !== undefined) {
    await server.process.waitFor(spec.until, before);
  }
  if (spec.show === "server" && server !== undefined) output = server.process.output.slice(before);
  return shown(root, spec, { output, ports });
}

/** A server started on its own, until it listens (and prints `until`), then stopped as Ctrl-C would. */
async function startAndStop(
  root: string,
  command: string,
  until: string | undefined,
  shownPort: string,
): Promise<{ output: string; ports: Map<string, string> }> {
  const server = await startServer(root, command, shownPort);
  if (until !== undefined) await server.process.waitFor(until);
  const output = await server.process.stop();
  return { output, ports: new Map([[server.given, shownPort]]) };
}

/** The block's text: the command after `$ ` in a console block, then the output, as shown. */
function shown(
  root: string,
  spec: TranscriptSpec,
  { output, ports }: { output: string; ports: Map<string, string> },
): string {
  const command = spec.show === "server" ? spec.server : spec.run;
  const text = spec.language === "console" ? `$ ${command}\n${output}` : output;
  return applyRules(text, shownRules({ root, ports })).replace(/^\n+|\n+$/g, "");
}

async function sharedServer(
  root: string,
  spec: TranscriptSpec,
  shared: Map<string, Server>,
  shownPort: string,
): Promise<Server | undefined> {
  if (spec.server === undefined) return undefined;
  const running = shared.get(spec.server) ?? (await startServer(root, spec.server, shownPort));
  shared.set(spec.server, running);
  return running;
}

/** Starts the server on a free port, and waits until it prints that port (it is listening). */
async function startServer(root: string, command: string, shownPort: string): Promise<Server> {
  const port = await freePort(shownPort.length);
  const process = CommandProcess.start(command, root, port);
  try {
    await process.waitFor(`:${port}`);
    return { process, given: String(port) };
  } catch (error) {
    await process.stop();
    throw new Error(`${command} never printed the address it listens on: ${error}`);
  }
}

/** The lesson's own port, 8000 + its number, as every demo's default is. */
function defaultPort(lessonFolder: string): string {
  const number = Number(/^(\d\d)-/.exec(path.basename(lessonFolder))?.[1] ?? "0");
  return String(8000 + number);
}

/** The port a command names: `--port 8003` or `127.0.0.1:8003`. */
function portIn(command: string): string | undefined {
  return (
    /--port[= ](\d+)/.exec(command)?.[1] ?? /(?:127\.0\.0\.1|localhost):(\d+)/.exec(command)?.[1]
  );
}

/** The command with the lesson's port in its URLs replaced by the one the server got. */
function onPort(command: string, shown: string, given: string): string {
  return command.replace(new RegExp(`(127\\.0\\.0\\.1|localhost):${shown}\\b`, "g"), `$1:${given}`);
}

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
 * The system picks the server's port, and a free port for each other
 * `--NAME-port N` its command names (`--fastcgi-port 9100`: one where
 * nothing listens); the client's command is run against them, and the
 * output shows the README's ports (transcript-rules.ts). Likewise a
 * client's command may name a temporary folder the server made and printed
 * (`tail -n 1 /tmp/lesson-12-nginx-bQQRMD/error.log`, the folder the block
 * of the server's start shows): it runs on the folder this run's server
 * printed, one made by the same `mkdtemp` prefix, and the output shows the
 * README's folder.
 *
 * @example
 * const fresh = await runTranscripts(root, "lessons/01-http-by-hand", blocks);
 * fresh[0]; // "$ curl -si http://127.0.0.1:8001/hello\nHTTP/1.1 200 OK\n..."
 */
import { tmpdir } from "node:os";
import path from "node:path";
import { CommandProcess, freePort } from "./command-process.ts";
import type { TranscriptBlock, TranscriptSpec } from "./transcript-blocks.ts";
import { applyRules, literal, shownRules } from "./transcript-rules.ts";

/** A server for transcripts: its process, and what a run gave it -> what the README shows. */
interface Server {
  readonly process: CommandProcess;
  /** The ports the system gave it -> the README's ("41234" -> "8012"). */
  readonly ports: ReadonlyMap<string, string>;
}

/** What a run's output shows in place of what it got: ports and folders, fresh -> README's. */
interface Shown {
  readonly ports: ReadonlyMap<string, string>;
  readonly folders: ReadonlyMap<string, string>;
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
  const folders = foldersNamed(blocks);
  const shared = new Map<string, Server>();
  const lessonPort = defaultPort(lessonFolder);
  const fresh: (string | undefined)[] = [];
  try {
    for (const [index, { spec }] of blocks.entries()) {
      if (!chosen[index]) {
        fresh.push(undefined);
        continue;
      }
      const named = folders.get(spec.server ?? "") ?? [];
      fresh.push(await runBlock(root, spec, shared, lessonPort, named));
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
  namedFolders: readonly string[],
): Promise<string> {
  const shownPort = portIn(spec.run ?? "") ?? portIn(spec.server ?? "") ?? lessonPort;
  if (spec.run === undefined && spec.server !== undefined) {
    const server = await startServer(root, spec, shownPort);
    if (spec.until !== undefined) await server.process.waitFor(spec.until);
    const output = await server.process.stop();
    return shown(root, spec, output, showing(server, namedFolders));
  }
  const started = spec.server !== undefined && !shared.has(spec.server);
  const server = await sharedServer(root, spec, shared, shownPort);
  // The first block of a server shows its start too: what a learner sees first.
  const before = started ? 0 : (server?.process.output.length ?? 0);
  const place = server === undefined ? undefined : showing(server, namedFolders);
  const command = place === undefined ? spec.run : asRun(spec.run ?? "", place);
  let output = (await CommandProcess.run(command ?? "", root)).output;
  if (server !== undefined && spec.until !== undefined) {
    await server.process.waitFor(spec.until, before);
  }
  if (spec.show === "server" && server !== undefined) output = server.process.output.slice(before);
  return shown(root, spec, output, place ?? { ports: new Map(), folders: new Map() });
}

/** The block's text: the command after `$ ` in a console block, then the output, as shown. */
function shown(root: string, spec: TranscriptSpec, output: string, { ports, folders }: Shown) {
  const command = spec.show === "server" ? spec.server : spec.run;
  const text = spec.language === "console" ? `$ ${command}\n${output}` : output;
  return applyRules(text, shownRules({ root, ports, folders })).replace(/^\n+|\n+$/g, "");
}

async function sharedServer(
  root: string,
  spec: TranscriptSpec,
  shared: Map<string, Server>,
  shownPort: string,
): Promise<Server | undefined> {
  if (spec.server === undefined) return undefined;
  const running = shared.get(spec.server) ?? (await startServer(root, spec, shownPort));
  shared.set(spec.server, running);
  return running;
}

/**
 * Starts the block's server on free ports, and waits until it is ready: until
 * it prints `ready`, or else the port it listens on.
 */
async function startServer(root: string, spec: TranscriptSpec, shownPort: string): Promise<Server> {
  const port = await freePort(shownPort.length);
  const ports = new Map([[String(port), shownPort]]);
  let command = spec.server ?? "";
  // Every other port it names (--fastcgi-port 9100) gets a free one of its own; 0 stays 0.
  for (const [flag, name, shownOther = ""] of command.matchAll(/--([\w-]+)-port[= ]([1-9]\d*)/g)) {
    const other = await freePort(shownOther.length);
    ports.set(String(other), shownOther);
    command = command.replace(flag, `--${name}-port ${other}`);
  }
  const process = CommandProcess.start(command, root, port);
  try {
    await process.waitFor(spec.ready ?? `:${port}`);
    return { process, ports };
  } catch (error) {
    await process.stop();
    throw new Error(
      `${spec.server} never printed ${spec.ready ?? "the address it listens on"}: ${error}`,
    );
  }
}

/**
 * How the server's output reads in the README: its ports, and each folder
 * the README's commands name, found among the temporary folders the server
 * printed by its `mkdtemp` prefix (the name without its six random characters).
 */
function showing(server: Server, namedFolders: readonly string[]): Shown {
  const folders = new Map<string, string>();
  for (const named of namedFolders) {
    const prefix = named.slice(0, -6);
    const printed = new RegExp(`${literal(prefix)}[A-Za-z0-9]{6}(?![\\w-])`).exec(
      server.process.output,
    )?.[0];
    if (printed === undefined) {
      throw new Error(`a command names ${named}, but the server printed no folder like it`);
    }
    folders.set(printed, named);
  }
  return { ports: server.ports, folders };
}

/** The client's command, on this run's ports and folders in place of the README's. */
function asRun(command: string, { ports, folders }: Shown): string {
  let run = command;
  for (const [given, shown] of ports) {
    run = run.replace(new RegExp(`(127\\.0\\.0\\.1|localhost):${shown}\\b`, "g"), `$1:${given}`);
  }
  for (const [printed, named] of folders) run = run.replaceAll(named, printed);
  return run;
}

/** The temporary folders the blocks' commands name, by the server they go with. */
function foldersNamed(blocks: readonly TranscriptBlock[]): Map<string, string[]> {
  const temporary = new RegExp(`${literal(tmpdir())}[/\\\\][\\w.-]+`, "g");
  const named = new Map<string, string[]>();
  for (const { spec } of blocks) {
    if (spec.server === undefined) continue;
    const found = [...(spec.run ?? "").matchAll(temporary)].map(([folder]) => folder);
    const all = new Set([...(named.get(spec.server) ?? []), ...found]);
    named.set(spec.server, [...all]);
  }
  return named;
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

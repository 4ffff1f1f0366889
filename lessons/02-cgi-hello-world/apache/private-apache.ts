/**
 * A private Apache that runs lesson 02's CGI programs, started and stopped
 * from Node: for the lesson's test and for `npm run demo -- 2 apache`.
 *
 * Everything lives in a new temporary folder: the config made from
 * `httpd.conf.template`, the logs, and `cgi-bin/`, where each program of
 * the lesson gets a small executable shell script of the same name that
 * starts it with Node and tsx. (Apache runs a CGI program by executing the
 * file; a TypeScript file is not executable, and a `#!` line naming Node
 * and tsx would not work everywhere.) The scripts are POSIX shell, so this
 * runs on Linux and macOS, where Apache serves CGI. Started as root, Apache
 * runs them as "nobody"; if nobody cannot reach the checkout, the scripts
 * start bundled copies instead (`nobody-copy.ts`).
 *
 * `startPrivateApache` is the part that knows nothing of CGI: any config
 * template, the modules it needs, a port. Lesson 12 starts its FastCGI
 * proxy with it; `private-server.ts` runs the process for both.
 *
 * @example
 * const apache = await startApache(findApache()!, { programs: "lessons/02-cgi-hello-world/cgi-bin", port: 8002 });
 * // http://127.0.0.1:8002/cgi-bin/hello.ts
 * await apache.stop();
 */
import { mkdir, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { programCommand } from "../../../gateway/cgi-program.ts";
import type { ApacheInstall } from "./find-apache.ts";
import { bundleForNobody, closedToNobody } from "./nobody-copy.ts";
import { launch, makeRunDir, type PrivateServer, writeConfig } from "./private-server.ts";

/** A running private Apache. */
export interface PrivateApache extends PrivateServer {
  /** Where the programs are: `${url}hello.ts`. */
  url: string;
  /**
   * Set when Apache serves bundled copies of the programs, made at start
   * (`nobody-copy.ts`): the folder above them that "nobody" cannot enter.
   */
  closedToNobody?: string;
}

/**
 * What makes one private Apache differ from another: its config template,
 * the modules that config needs, and anything to put in the run folder
 * before Apache starts.
 * @example { template: "httpd.conf.template", modules: ["mpm_event", "authz_core", "proxy", "proxy_fcgi"], port: 8012 }
 */
export interface ApacheSetup {
  /** The config template; `{{RUN_DIR}}`, `{{PORT}}`, `{{USER}}` and `{{LOAD_MODULES}}` are filled in. */
  template: string;
  /** Module names without `mod_`; those compiled into Apache are skipped. */
  modules: string[];
  port: number;
  /** The run folder's name starts with this: "lesson-02-apache-". */
  name: string;
  /** More `{{NAME}}` fields for the template. */
  fields?: Record<string, string>;
  /** Puts what the config refers to into the run folder. */
  prepare?: (runDir: string) => Promise<void>;
}

const TEMPLATE = fileURLToPath(new URL("httpd.conf.template", import.meta.url));
const MODULES = ["mpm_event", "authz_core", "mime", "alias", "cgid", "log_config"];

/** Starts Apache on 127.0.0.1:`port`, serving every `.ts` program in `programs` under /cgi-bin/. */
export async function startApache(
  apache: ApacheInstall,
  options: { programs: string; port: number },
): Promise<PrivateApache> {
  let closed: string | undefined;
  const running = await startPrivateApache(apache, {
    template: TEMPLATE,
    modules: MODULES,
    port: options.port,
    name: "lesson-02-apache-",
    prepare: async (runDir) => {
      const commands = await programCommands(options.programs, runDir);
      closed = commands.closed;
      await writeWrappers(commands, path.join(runDir, "cgi-bin"));
    },
  });
  return { ...running, url: `${running.url}cgi-bin/`, closedToNobody: closed };
}

/**
 * Starts a private Apache from any config template (lesson 12 uses one that
 * proxies to a FastCGI server) and resolves once it listens.
 * @example const apache = await startPrivateApache(findApache()!, { template, modules, port: 8012, name: "lesson-12-apache-" });
 */
export async function startPrivateApache(
  apache: ApacheInstall,
  setup: ApacheSetup,
): Promise<PrivateServer> {
  const runDir = await makeRunDir(setup.name);
  await setup.prepare?.(runDir);
  const config = await writeConfig(setup.template, runDir, "httpd.conf", {
    ...setup.fields,
    RUN_DIR: runDir,
    PORT: String(setup.port),
    USER: servesAsNobody() ? `User #${NOBODY}\nGroup #${NOBODY}` : "",
    LOAD_MODULES: loadModules(apache, setup.modules),
  });
  const command = [apache.bin, "-f", config, "-DFOREGROUND"];
  return launch({ name: "Apache", command, runDir, port: setup.port, errorLog: "error.log" });
}

/** The LoadModule lines for the modules Apache does not have built in. */
function loadModules(apache: ApacheInstall, modules: string[]): string {
  const mpmBuiltIn = ["event", "worker", "prefork"].some((mpm) => apache.builtIn.has(mpm));
  return modules
    .filter((name) => !apache.builtIn.has(`mod_${name}`))
    .filter((name) => !(name === "mpm_event" && mpmBuiltIn))
    .map((name) => `LoadModule ${name}_module "${path.join(apache.modules, `mod_${name}.so`)}"`)
    .join("\n");
}

/** Apache refuses to serve as root: started as root, it serves as "nobody" (65534 on Linux). */
const NOBODY = 65534;

function servesAsNobody(): boolean {
  return process.getuid?.() === 0;
}

/** How to run each program, by its file name; `closed` is set when they are bundled copies. */
interface Commands {
  byName: Map<string, string[]>;
  /** The folder above the checkout's programs that "nobody" cannot enter. */
  closed?: string;
}

/**
 * How to run each `.ts` program in `programs`: Node and tsx on the file
 * itself, or, when Apache serves as "nobody" and nobody cannot reach a
 * file that needs, Node on a bundled copy in the run folder.
 */
async function programCommands(programs: string, runDir: string): Promise<Commands> {
  const names = (await readdir(programs)).filter((name) => name.endsWith(".ts"));
  const byName = new Map<string, string[]>();
  for (const name of names)
    byName.set(name, (await programCommand(path.resolve(programs, name))) ?? []);
  if (!servesAsNobody()) return { byName };
  const closed = await closedToNobody([...byName.values()].flat().flatMap(fileIn));
  if (closed === undefined) return { byName };
  const files = names.map((name) => path.resolve(programs, name));
  return { byName: await bundleForNobody(files, path.join(runDir, "programs")), closed };
}

/** The file a command's word names, if it names one: a path or a `file:` URL. */
function fileIn(word: string): string[] {
  if (word.startsWith("file:")) return [fileURLToPath(word)];
  return path.isAbsolute(word) ? [word] : [];
}

/**
 * One executable script per program, named like it, that runs it with
 * absolute paths: Apache gives CGI programs almost no environment (only
 * its own `PATH`), so `node` and `tsx` might not be found by name.
 */
async function writeWrappers(commands: Commands, into: string): Promise<void> {
  await mkdir(into, { mode: 0o755 });
  for (const [name, command] of commands.byName) {
    const script = `#!/bin/sh\nexec ${command.map(shellQuote).join(" ")}\n`;
    await writeFile(path.join(into, name), script, { mode: 0o755 });
  }
}

/** Quotes a word for sh: inside single quotes, only a single quote needs care. */
function shellQuote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

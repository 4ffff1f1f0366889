/**
 * Finding Apache on this machine: its program, its modules folder, and the
 * modules compiled into it (those must not be loaded again).
 *
 * Debian and Ubuntu call the program `apache2`; Fedora, macOS and Homebrew
 * call it `httpd`, and each keeps its modules somewhere else. When yours is
 * elsewhere, say where with `APACHE_BIN` and `APACHE_MODULES`. An
 * `APACHE_BIN` that names no program is a mistake to fix, not a missing
 * Apache: that throws, with a one-line message naming the variable.
 *
 * @example
 * const apache = findApache(); // { bin: "/usr/sbin/apache2", modules: "/usr/lib/apache2/modules", ... }
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

/** An Apache install this lesson can start. */
export interface ApacheInstall {
  /** The server program. */
  bin: string;
  /** The folder of its `mod_*.so` files. */
  modules: string;
  /** What `-l` lists as compiled in: "mod_log_config", "event", ... */
  builtIn: Set<string>;
}

const PROGRAMS = ["apache2", "httpd"];
const PROGRAM_DIRS = ["/usr/sbin", "/usr/local/sbin", "/opt/homebrew/bin", "/usr/local/bin"];
const MODULE_DIRS = [
  "/usr/lib/apache2/modules", // Debian, Ubuntu
  "/usr/lib64/httpd/modules", // Fedora, RHEL
  "/usr/libexec/apache2", // macOS
  "/opt/homebrew/lib/httpd/modules", // Homebrew on Apple silicon
  "/usr/local/lib/httpd/modules", // Homebrew on Intel
];

/**
 * Apache's program and modules, or `undefined` when this machine has none.
 * Throws when `APACHE_BIN` names a file that is missing or is not Apache.
 * @example const apache = findApache(); if (apache === undefined) console.error("no Apache");
 */
export function findApache(env: NodeJS.ProcessEnv = process.env): ApacheInstall | undefined {
  if (env.APACHE_BIN && !existsSync(env.APACHE_BIN)) {
    throw new Error(
      `APACHE_BIN=${env.APACHE_BIN} names no file: set it to the apache2 or httpd program, ` +
        "or unset it to look in the usual places",
    );
  }
  const dirs = [...(env.PATH ?? "").split(path.delimiter), ...PROGRAM_DIRS];
  const bin =
    env.APACHE_BIN ||
    firstFile(dirs.flatMap((dir) => PROGRAMS.map((name) => path.join(dir, name))));
  const modules =
    env.APACHE_MODULES || MODULE_DIRS.find((dir) => existsSync(path.join(dir, "mod_cgid.so")));
  if (bin === undefined || modules === undefined) return undefined;
  const named = env.APACHE_BIN ? `APACHE_BIN=${bin}` : bin;
  return { bin, modules, builtIn: builtInModules(bin, named) };
}

/** What `bin -l` lists as compiled in; `named` says where `bin` came from, for the error. */
function builtInModules(bin: string, named: string): Set<string> {
  const run = spawnSync(bin, ["-l"], { encoding: "utf8" });
  if (run.error !== undefined || run.status !== 0) {
    const why = run.error?.message ?? `exit code ${run.status}`;
    throw new Error(`${named} is not an Apache that runs: "${bin} -l" failed (${why})`);
  }
  // "Compiled in modules:\n  core.c\n  mod_so.c\n  mod_log_config.c\n ..."
  return new Set([...run.stdout.matchAll(/^\s*(\S+)\.c$/gm)].map((match) => match[1] ?? ""));
}

function firstFile(candidates: string[]): string | undefined {
  return candidates.find((file) => path.isAbsolute(file) && existsSync(file));
}

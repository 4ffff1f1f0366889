/**
 * Finding Apache on this machine: its program, its modules folder, and the
 * modules compiled into it (those must not be loaded again).
 *
 * Debian and Ubuntu call the program `apache2`; Fedora, macOS and Homebrew
 * call it `httpd`, and each keeps its modules somewhere else. When yours is
 * elsewhere, say where with `APACHE_BIN` and `APACHE_MODULES`.
 *
 * @example
 * const apache = findApache(); // { bin: "/usr/sbin/apache2", modules: "/usr/lib/apache2/modules", ... }
 */
import { execFileSync } from "node:child_process";
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

/** Apache's program and modules, or `undefined` when this machine has none. */
export function findApache(env: NodeJS.ProcessEnv = process.env): ApacheInstall | undefined {
  const dirs = [...(env.PATH ?? "").split(path.delimiter), ...PROGRAM_DIRS];
  const bin =
    env.APACHE_BIN ||
    firstFile(dirs.flatMap((dir) => PROGRAMS.map((name) => path.join(dir, name))));
  const modules =
    env.APACHE_MODULES || MODULE_DIRS.find((dir) => existsSync(path.join(dir, "mod_cgid.so")));
  if (bin === undefined || modules === undefined) return undefined;
  // "Compiled in modules:\n  core.c\n  mod_so.c\n  mod_log_config.c\n ..."
  const listing = execFileSync(bin, ["-l"], { encoding: "utf8" });
  const builtIn = new Set([...listing.matchAll(/^\s*(\S+)\.c$/gm)].map((match) => match[1] ?? ""));
  return { bin, modules, builtIn };
}

function firstFile(candidates: string[]): string | undefined {
  return candidates.find((file) => path.isAbsolute(file) && existsSync(file));
}

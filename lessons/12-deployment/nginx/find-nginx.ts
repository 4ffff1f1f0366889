/**
 * Finding nginx on this machine: its program, and the `fastcgi_params`
 * file that comes with it.
 *
 * `fastcgi_params` is the list of `fastcgi_param` lines that turn a request
 * into CGI variables (`REQUEST_METHOD`, `QUERY_STRING`, `SCRIPT_NAME`, ...);
 * every nginx package ships one beside its own `nginx.conf`. nginx says
 * where that is when asked for its build options (`nginx -V`:
 * `--conf-path=/etc/nginx/nginx.conf`). When yours is elsewhere, say where
 * with `NGINX_BIN` and `NGINX_FASTCGI_PARAMS`; one that names no file
 * throws, with a one-line message naming the variable.
 *
 * @example
 * const nginx = findNginx(); // { bin: "/usr/sbin/nginx", fastcgiParams: "/etc/nginx/fastcgi_params" }
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

/** An nginx this lesson can start. */
export interface NginxInstall {
  /** The server program. */
  bin: string;
  /** The `fastcgi_params` file to include. */
  fastcgiParams: string;
}

/** What to do when nginx is missing: the message names the fix. */
export const NGINX_MISSING =
  "no nginx found (looked on PATH, in /usr/sbin and /opt/homebrew/bin, and at NGINX_BIN): " +
  "install it (Debian/Ubuntu: sudo apt-get install nginx; macOS: brew install nginx), " +
  "or set NGINX_BIN to the nginx program";

const PROGRAM_DIRS = ["/usr/sbin", "/usr/local/sbin", "/opt/homebrew/bin", "/usr/local/bin"];
const CONFIG_DIRS = ["/etc/nginx", "/opt/homebrew/etc/nginx", "/usr/local/etc/nginx"];

/**
 * nginx's program and its `fastcgi_params`, or `undefined` when this machine
 * has no nginx. Throws when nginx is there but its `fastcgi_params` is not,
 * and when `NGINX_BIN` or `NGINX_FASTCGI_PARAMS` names no file.
 * @example const nginx = findNginx(); if (nginx === undefined) console.error(NGINX_MISSING);
 */
export function findNginx(env: NodeJS.ProcessEnv = process.env): NginxInstall | undefined {
  checkNamesFile(env, "NGINX_BIN", "the nginx program");
  checkNamesFile(env, "NGINX_FASTCGI_PARAMS", "the fastcgi_params file your nginx came with");
  const dirs = [...(env.PATH ?? "").split(path.delimiter), ...PROGRAM_DIRS];
  const bin =
    env.NGINX_BIN ||
    dirs
      .map((dir) => path.join(dir, "nginx"))
      .find((file) => path.isAbsolute(file) && existsSync(file));
  if (bin === undefined) return undefined;
  const fastcgiParams = env.NGINX_FASTCGI_PARAMS || findParams(bin);
  if (fastcgiParams === undefined) {
    throw new Error(
      `${bin} has no fastcgi_params file beside its nginx.conf, nor in ${CONFIG_DIRS.join(", ")}: ` +
        "set NGINX_FASTCGI_PARAMS to the one your nginx came with",
    );
  }
  return { bin, fastcgiParams };
}

/** An environment variable that is set must name a file that is there. */
function checkNamesFile(env: NodeJS.ProcessEnv, name: string, what: string): void {
  const value = env[name];
  if (value && !existsSync(value)) {
    throw new Error(
      `${name}=${value} names no file: set it to ${what}, or unset it to look in the usual places`,
    );
  }
}

/** Beside the config nginx was built to read, or in the usual places. */
function findParams(bin: string): string | undefined {
  // `nginx -V` writes its version and build options to stderr.
  const options = spawnSync(bin, ["-V"], { encoding: "utf8" }).stderr ?? "";
  const confPath = /--conf-path=(\S+)/.exec(options)?.[1];
  const dirs = confPath === undefined ? CONFIG_DIRS : [path.dirname(confPath), ...CONFIG_DIRS];
  return dirs.map((dir) => path.join(dir, "fastcgi_params")).find((file) => existsSync(file));
}

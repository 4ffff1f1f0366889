/**
 * Programs that Apache's unprivileged user can run, when the checkout is
 * closed to that user.
 *
 * Started as root (in a container, or in CI), Apache runs CGI programs as
 * "nobody", who may only enter folders that everyone may enter. A checkout
 * under /root, or a fresh clone in a folder made by `mktemp -d`, is closed
 * to nobody, and the programs, tsx and `node_modules` are all inside it.
 * Then each program is bundled with esbuild (the compiler tsx itself uses)
 * into one JavaScript file holding everything it imports, in a folder
 * nobody can read: Node runs it as it is, without tsx. The copy is made
 * once, when Apache starts; a program edited later needs a restart.
 *
 * @example
 * const closed = await closedToNobody(["/root/workshop/lessons/02-cgi-hello-world/cgi-bin/hello.ts"]);
 * // "/root"
 * const commands = await bundleForNobody(["/root/.../hello.ts"], "/tmp/lesson-02-apache-x/programs");
 * // Map { "hello.ts" => ["/usr/bin/node", "/tmp/lesson-02-apache-x/programs/hello.mjs"] }
 */
import { chmod, stat } from "node:fs/promises";
import path from "node:path";
import { build } from "esbuild";

/**
 * The first folder above any of `files` that "nobody" cannot enter (no
 * execute bit for others), or `undefined` if nobody can reach them all.
 * @example await closedToNobody(["/usr/bin/node"]); // undefined
 */
export async function closedToNobody(files: readonly string[]): Promise<string | undefined> {
  for (const file of files) {
    for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
      if (((await stat(dir)).mode & 0o001) === 0) return dir;
    }
  }
  return undefined;
}

/**
 * Bundles each program into `into` (which must be reachable by nobody) and
 * returns the command that runs each, by the program's file name. Throws
 * if Node itself is out of nobody's reach: no copy can help then.
 * @example const commands = await bundleForNobody(files, path.join(runDir, "programs"));
 */
export async function bundleForNobody(
  programs: readonly string[],
  into: string,
): Promise<Map<string, string[]>> {
  const closed = await closedToNobody([process.execPath]);
  if (closed !== undefined) {
    throw new Error(
      `Apache runs CGI programs as "nobody", who cannot enter ${closed}, where Node is: ` +
        "chmod o+x it, or use a Node installed elsewhere (/usr/bin, /usr/local/bin)",
    );
  }
  await build({
    entryPoints: [...programs],
    outdir: into,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    format: "esm",
    logLevel: "silent",
  });
  await chmod(into, 0o755);
  const commands = new Map<string, string[]>();
  for (const program of programs) {
    const name = path.basename(program);
    const bundled = path.join(into, `${path.basename(name, path.extname(name))}.mjs`);
    await chmod(bundled, 0o644); // whatever the umask, nobody reads it
    commands.set(name, [process.execPath, bundled]);
  }
  return commands;
}

/**
 * `npm run demo -- 2 apache`: the same CGI programs under a real Apache
 * (mod_cgid). It listens on http://127.0.0.1:8002/cgi-bin/ (`--port` or `PORT`
 * to change). Needs Apache installed; Linux and macOS only. Ctrl-C stops
 * Apache and removes its temporary folder.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { readArgs } from "../../gateway/cli/command.ts";
import { listenAddress, listenOptions } from "../../gateway/cli/listen-address.ts";
import { demoListening } from "../../workshop/running-demos.ts";
import { type ApacheInstall, findApache } from "./apache/find-apache.ts";
import { startApache } from "./apache/private-apache.ts";

const programs = path.join(path.dirname(fileURLToPath(import.meta.url)), "cgi-bin");
let apache: ApacheInstall | undefined;
try {
  apache = process.platform === "win32" ? undefined : findApache();
} catch (error) {
  // APACHE_BIN names no program, or one that is not Apache: the message says which.
  console.error(`Lesson 02 Apache demo: ${(error as Error).message}`);
  process.exit(1);
}

if (apache === undefined) {
  console.error(
    "Lesson 02 Apache demo: no Apache found (looked for apache2 and httpd, and mod_cgid.so).\n" +
      "Install it (Debian/Ubuntu: sudo apt-get install apache2; macOS: brew install httpd), or set\n" +
      "APACHE_BIN and APACHE_MODULES. On Windows, use the CGI host instead: npm run demo -- 2",
  );
  process.exitCode = 1;
} else {
  const { port } = listenAddress(readArgs(process.argv.slice(2), listenOptions).values, 8002);
  const running = await startApache(apache, { programs, port });
  console.log(`Lesson 02 demo under ${apache.bin}: open ${running.url}hello.ts?x=1`);
  console.log(`Its config and logs are in ${running.runDir}. Press Ctrl-C to stop.`);
  demoListening(running.url);
  if (running.closedToNobody !== undefined) {
    console.log(
      `Apache runs the programs as "nobody", who cannot enter ${running.closedToNobody}: it runs ` +
        "copies made now, so restart the demo after you edit a program.",
    );
  }
  const stop = () => void running.stop().then(() => process.exit(0));
  process.once("SIGINT", stop).once("SIGTERM", stop);
}

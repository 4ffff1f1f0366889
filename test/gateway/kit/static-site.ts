/**
 * A throwaway folder of files for the static-files tests.
 *
 * `public/` is the root a test serves; `outside/` sits next to it, holding a
 * secret that no request may reach. `public/escape` is a link to `outside/`
 * (a directory junction on Windows, where it needs no special rights), and
 * `public/linked-docs` a link to a folder inside the root, which is fine;
 * `public/unhidden` is a link to the hidden folder `public/.git`, which is
 * not. Where the system allows them (not Windows), files whose names Windows
 * reads in its own way sit in the root too: the server must refuse them.
 * Every file has the same modification time, so `Last-Modified` is known.
 *
 * @example
 * const site = makeSite(); afterAll(site.remove);
 * new TestClient(staticFiles(site.root)).get("/hello.txt");
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** The time every file was last modified, and how `Last-Modified` writes it. */
export const MODIFIED = new Date("2024-01-02T03:04:05.678Z");
export const LAST_MODIFIED = "Tue, 02 Jan 2024 03:04:05 GMT";

export const HELLO = "Hello, static world!\n";
export const SECRET = "the secret outside the root";

const FILES: Record<string, string | Uint8Array> = {
  "public/hello.txt": HELLO,
  "public/a b.txt": "spaced out",
  "public/style.css": "body { color: teal; }\n",
  "public/logo.png": new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
  "public/data.xyz": "mystery bytes",
  "public/empty.txt": "",
  "public/.env": "SECRET=1",
  "public/.git/config": "SECRET=1",
  "public/docs/index.html": "<h1>Docs</h1>",
  "public/docs/guide.txt": "a guide",
  "public/nested/deep/file.txt": "deep",
  "public/console.log": "not a device",
  "outside/secret.txt": SECRET,
};

/** Names Windows reads as a drive, a file's stream, another name for a file, or a device. */
export const WINDOWS_NAMES = [
  "C:x",
  "hello.txt:stream",
  "trailing.",
  "trailing ",
  "CON",
  "nul.txt",
  "com1",
];

export interface Site {
  /** The folder to serve. */
  root: string;
  /** The folder around it (holds `outside/`). */
  base: string;
  remove(): void;
}

/** Creates the folder tree; call `remove()` in `afterAll`. */
export function makeSite(): Site {
  const base = mkdtempSync(path.join(tmpdir(), "static-site-"));
  for (const [name, content] of Object.entries(FILES)) {
    const file = path.join(base, ...name.split("/"));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
    utimesSync(file, MODIFIED, MODIFIED);
  }
  const root = path.join(base, "public");
  symlinkSync(path.join(base, "outside"), path.join(root, "escape"), "junction");
  symlinkSync(path.join(root, "docs"), path.join(root, "linked-docs"), "junction");
  symlinkSync(path.join(root, ".git"), path.join(root, "unhidden"), "junction");
  if (process.platform !== "win32") {
    for (const name of WINDOWS_NAMES) writeFileSync(path.join(root, name), "SECRET=1");
  }
  return { root, base, remove: () => rmSync(base, { recursive: true, force: true }) };
}

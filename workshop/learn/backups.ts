/**
 * Copies of a learner's files, kept before any operation replaces them.
 *
 * No operation deletes a learner's work without a copy. Before `reset`,
 * `catch-up` or `restore` writes over a file, the file goes into a folder
 * of its own, `data/learn-backups/<time>/`, at the same path it had in the
 * checkout (`starter/...`), with a `backup.json` saying which operation made
 * it. A folder is never written into twice, so a second reset never
 * overwrites the first copy. `data/` is ignored by git, and neither tsc nor
 * the linter look there.
 *
 * @example
 * const backup = backUp(root, ["starter/05-function-middleware/add-header.ts"], "reset 05-add-header");
 * // backup.id: "2026-12-07T10-15-30.123Z", the copy in data/learn-backups/<id>/starter/...
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { OperationError } from "./operation-error.ts";

/** A folder of copies. */
export interface Backup {
  /** Its name under `data/learn-backups/`: the time it was made. */
  readonly id: string;
  /** Its path from the checkout's root, with "/": "data/learn-backups/<id>". */
  readonly folder: string;
  /** What made it: "reset 05-add-header". */
  readonly operation: string;
  /** The files it holds, by their path from the checkout's root ("starter/..."). */
  readonly files: readonly string[];
}

/** Where the copies go, from a checkout's root. */
export const BACKUPS = "data/learn-backups";

/**
 * Copies `files` (paths from `root`, with "/"; each must exist) into a new backup folder.
 *
 * @example
 * backUp(root, ["starter/signin/csrf.ts"], "catch-up 11-csrf").folder; // "data/learn-backups/2026-..."
 */
export function backUp(root: string, files: readonly string[], operation: string): Backup {
  const id = newFolder(root);
  const folder = `${BACKUPS}/${id}`;
  for (const file of files) {
    const copy = inside(root, `${folder}/${file}`);
    mkdirSync(path.dirname(copy), { recursive: true });
    copyFileSync(inside(root, file), copy);
  }
  const backup: Backup = { id, folder, operation, files };
  writeFileSync(inside(root, `${folder}/backup.json`), `${JSON.stringify(backup, null, 2)}\n`);
  return backup;
}

/**
 * The backup with this id, as `backUp` wrote it.
 *
 * @example
 * readBackup(root, "2026-12-07T10-15-30.123Z").files; // ["starter/signin/csrf.ts"]
 */
export function readBackup(root: string, id: string): Backup {
  const file = inside(root, `${BACKUPS}/${id}/backup.json`);
  if (!/^[\w.-]+$/.test(id) || !existsSync(file)) {
    const known = listBackups(root);
    const hint = known.length === 0 ? "there are none yet" : `the latest is ${known.at(-1)}`;
    throw new OperationError(
      "no-such-backup",
      `there is no backup "${id}" in ${BACKUPS}/ (${hint})`,
    );
  }
  return JSON.parse(readFileSync(file, "utf8")) as Backup;
}

/**
 * The ids of every backup, oldest first.
 *
 * @example
 * listBackups(root); // ["2026-12-07T10-15-30.123Z", "2026-12-07T10-20-02.500Z"]
 */
export function listBackups(root: string): string[] {
  const folder = inside(root, BACKUPS);
  return existsSync(folder) ? readdirSync(folder).sort() : [];
}

/**
 * A path from the checkout's root, with "/", as a path on this system.
 *
 * @example
 * inside("C:\\work", "starter/a.ts"); // "C:\\work\\starter\\a.ts" on Windows
 */
export function inside(root: string, file: string): string {
  return path.join(root, ...file.split("/"));
}

/** Makes a folder named for the time, never one that exists (two backups in one ms get -2, -3...). */
function newFolder(root: string): string {
  mkdirSync(inside(root, BACKUPS), { recursive: true });
  // Colons are not allowed in Windows file names.
  const time = new Date().toISOString().replaceAll(":", "-");
  for (let n = 1; ; n++) {
    const id = n === 1 ? time : `${time}-${n}`;
    try {
      mkdirSync(inside(root, `${BACKUPS}/${id}`));
      return id;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
}

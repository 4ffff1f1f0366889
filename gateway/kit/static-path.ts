/**
 * From a request path to a file under a root folder, safely (Werkzeug's
 * `werkzeug.security.safe_join`, which `SharedDataMiddleware` relies on).
 *
 * A static file server joins the root folder and the request path, and an
 * attacker picks the path. `PATH_INFO` is already percent-decoded, so
 * `/%2e%2e/%2e%2e/etc/passwd` arrives here as `/../../etc/passwd`, and
 * `%2F` as `/`: every trick is visible in the decoded text. The rules, in
 * the order they are checked:
 *
 * 1. Each segment between slashes is looked at on its own. A segment
 *    starting with "." is refused: that is ".." (climbing out), "." and
 *    hidden files such as `.env` or `.git`, which a site never means to
 *    publish. A backslash is refused (Windows reads it as a separator, so
 *    `..\..` would climb), and so is NUL (C APIs would cut the path there).
 * 2. Names that Windows reads in its own way are refused on every system,
 *    so that a site answers the same wherever it runs: a ":" (a drive, as
 *    in `C:`, or a file's hidden stream, `a.txt::$DATA`), a name ending in
 *    "." or " " (Windows drops those, so `a.txt.` is a second name for
 *    `a.txt`), and the names of devices (`CON`, `NUL`, `COM1`..., with any
 *    extension), which Windows opens as a device wherever they appear.
 * 3. The path is resolved with `fs.realpath`, which follows every symbolic
 *    link, and the result must still be inside the root's own real path,
 *    and still name no hidden file. A link `public/docs -> /home/me` would
 *    otherwise publish a home folder, and a link (or a Windows short name
 *    like `GITIGN~1`) would give a hidden file a second, visible name.
 *
 * Anything refused or missing is "no such file" (`undefined`): the caller
 * answers 404, and an attacker learns nothing about what exists outside.
 *
 * @example
 * await resolveInside("/srv/public", "/css/site.css"); // "/srv/public/css/site.css"
 * await resolveInside("/srv/public", "/../secret");    // undefined
 */
import { realpath } from "node:fs/promises";
import path from "node:path";

/** Errors that mean "there is no such file to serve"; any other is a real failure. */
const MISSING = new Set(["ENOENT", "ENOTDIR", "EACCES", "EPERM", "ELOOP", "ENAMETOOLONG"]);

/** A ":", a last "." or " ", or a device name, bare or with an extension (rule 2). */
const WINDOWS_SPECIAL =
  /:|[. ]$|^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(?:\.|$)/i;

/**
 * The real path of the file `pathInfo` names under `root` (itself a real
 * path, see `fs.realpathSync`), or `undefined` when it is refused or missing.
 * @example const file = await resolveInside(root, environ.PATH_INFO);
 */
export async function resolveInside(root: string, pathInfo: string): Promise<string | undefined> {
  const segments = pathInfo.split("/").filter((segment) => segment !== "");
  if (!segments.every(isSafeSegment)) return undefined;
  let real: string;
  try {
    real = await realpath(path.join(root, ...segments));
  } catch (error) {
    if (MISSING.has((error as NodeJS.ErrnoException).code ?? "")) return undefined;
    throw error;
  }
  return isVisibleInside(root, real) ? real : undefined;
}

/** A segment that names a visible file or folder, and nothing else. */
function isSafeSegment(segment: string): boolean {
  return (
    !segment.startsWith(".") &&
    !segment.includes("\\") &&
    !segment.includes("\0") &&
    !WINDOWS_SPECIAL.test(segment)
  );
}

/**
 * True when `file` is `root` or below it, and no folder or file on the way
 * is hidden. `path.relative` climbs with ".." to get out (a segment starting
 * with "." too), or gives an absolute path on another Windows drive.
 */
function isVisibleInside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  if (path.isAbsolute(relative)) return false;
  return relative.split(path.sep).every((segment) => !segment.startsWith("."));
}

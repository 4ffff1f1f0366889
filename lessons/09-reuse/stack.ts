/**
 * Lesson 09's stack: the notes app and a folder of files, inside six pieces of the kit.
 *
 * Read it from the inside out, as it is written: each layer wraps what is
 * above it, and sees the answers of every layer inside it.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { compression } from "../../gateway/kit/compression.ts";
import { errorDocuments } from "../../gateway/kit/error-documents.ts";
import { httpErrors } from "../../gateway/kit/http-error-middleware.ts";
import { requestLog } from "../../gateway/kit/request-log.ts";
import { sessions } from "../../gateway/kit/sessions/index.ts";
import { staticFiles } from "../../gateway/kit/static-files.ts";
import { urlMap } from "../../gateway/kit/url-map.ts";
import { validator } from "../../gateway/validator/index.ts";
import { notes } from "./notes.ts";

const PUBLIC = fileURLToPath(new URL("public", import.meta.url));
/** A real app reads its keys from the environment; a demo key is fine on 127.0.0.1. */
const KEYS = [process.env.SESSION_KEY ?? "lesson 09 demo key, not for a real site"];

// #region stack
const files = staticFiles(PUBLIC, { index: "index.html" });
const notesApp = sessions({ keys: KEYS })(httpErrors()(notes));
const site = urlMap({ "/notes": notesApp, "/": files });
const pages = errorDocuments({ 404: path.join(PUBLIC, "404.html") })(site);
export const app = validator(requestLog()(compression()(pages)));
// #endregion stack

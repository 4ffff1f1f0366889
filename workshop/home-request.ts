/**
 * A request to the workshop home, as its route handlers see it, and the
 * answers they share: a page, a 404, an error page, and the refusal of a
 * path that tries to leave its folder.
 *
 * @example
 * const showIndex: Handler = async (request) =>
 *   ok(request, indexPage(request.root, await listLessons(request.lessonsDir)));
 */
import { htmlResponse, type SafeHtml } from "../gateway/html.ts";
import type { Body, Environ, StartResponse } from "../gateway/types.ts";
import type { ExerciseRunner } from "./learn/run-test.ts";
import { UnsafePath } from "./lesson-files.ts";
import type { Exercise } from "./manifest.ts";
import { errorPage } from "./pages.ts";

/**
 * One request, as the route handlers see it.
 * @example const lessons = await listLessons(request.lessonsDir);
 */
export interface HomeRequest {
  environ: Environ;
  startResponse: StartResponse;
  /** `SCRIPT_NAME`: every link starts with it. */
  root: string;
  lessonsDir: string;
  slidesDir: string;
  starterDir: string;
  solutionsDir: string;
  runningDemosDir: string;
  progress: { runner: ExerciseRunner; exercises: readonly Exercise[] };
  /** The pattern's captured groups. */
  params: string[];
}

/**
 * A route's handler: it answers one request.
 * @example const addSlash: Handler = (request) => redirect(request.startResponse, "/slides/");
 */
export type Handler = (request: HomeRequest) => Body | Promise<Body>;

/**
 * A 200 with the page `markup`.
 * @example return ok(request, indexPage(request.root, lessons));
 */
export function ok({ startResponse }: HomeRequest, markup: SafeHtml): Body {
  return htmlResponse(startResponse, "200 OK", markup);
}

/**
 * A 404 page naming the path that has no page.
 * @example if (lesson === undefined) return notFound(request);
 */
export function notFound(request: HomeRequest): Body {
  const message = `There is no page at ${request.root}${request.environ.PATH_INFO}.`;
  return errorResponse(request, "404 Not Found", message);
}

/**
 * The handler, answering a 400 when it refuses a path that tries to leave
 * its folder (`UnsafePath`, thrown before anything is started); any other
 * error goes on up.
 * @example [/^\/starter\/(.*)$/, refusingUnsafePaths(showCodeTreePath)]
 */
export function refusingUnsafePaths(handler: Handler): Handler {
  return async (request) => {
    try {
      return await handler(request);
    } catch (error) {
      if (!(error instanceof UnsafePath)) throw error;
      return errorResponse(request, "400 Bad Request", `${error.message}.`);
    }
  };
}

/**
 * An error page with `status` and a sentence that says what went wrong.
 * @example return errorResponse(request, "405 Method Not Allowed", message, [["Allow", "GET, HEAD"]]);
 */
export function errorResponse(
  { startResponse, root }: HomeRequest,
  status: string,
  message: string,
  headers: Array<[string, string]> = [],
): Body {
  return htmlResponse(startResponse, status, errorPage(root, status, message), headers);
}

/**
 * Content negotiation: how much a client wants a media type, by its
 * `Accept` header (like Werkzeug's `werkzeug.datastructures.MIMEAccept`,
 * and `paste.util.mimeparse`).
 *
 * A client lists the types it takes, each with a weight `q` from 0 to 1
 * (1 when not given): a browser sends
 * `text/html,application/xhtml+xml,application/xml;q=0.9` and the
 * catch-all range at 0.8, an API client `application/json`. Ranges can
 * stand for many types (`text/*`, or the catch-all, any type of any kind);
 * the most specific range that matches a
 * type gives its weight (RFC 9110, section 12.5.1), so `text/html;q=0`
 * refuses HTML even when the catch-all takes anything else. A type no
 * range matches gets 0.
 *
 * @example
 * mediaQuality("text/html;q=0.5, application/json", "application/json"); // 1
 * mediaQuality("text/html;q=0.5, application/json", "text/html");        // 0.5
 * mediaQuality("image/png", "text/html");                                // 0
 */

/**
 * The weight an `Accept` header gives a media type, from 0 to 1.
 * @example if (mediaQuality(environ.HTTP_ACCEPT ?? "", "application/json") === 1) answerJson();
 */
export function mediaQuality(accept: string, type: string): number {
  const wanted = type.toLowerCase();
  // From least to most specific: a range's index here is its specificity, -1 for no match.
  const matching = ["*/*", `${wanted.split("/")[0]}/*`, wanted];
  let best = { specificity: -1, q: 0 };
  for (const range of accept.split(",")) {
    const [media = "", ...parameters] = range.split(";").map((part) => part.trim().toLowerCase());
    const specificity = matching.indexOf(media);
    if (specificity > best.specificity) best = { specificity, q: qValue(parameters) };
  }
  return best.q;
}

/** The `q` parameter, 1 when absent; one that is not a number counts as 0. */
function qValue(parameters: string[]): number {
  const q = parameters.find((parameter) => parameter.replaceAll(" ", "").startsWith("q="));
  const value = q === undefined ? 1 : Number(q.slice(q.indexOf("=") + 1));
  return Number.isFinite(value) ? Math.min(Math.max(value, 0), 1) : 0;
}

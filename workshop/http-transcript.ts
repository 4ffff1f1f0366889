/**
 * A highlight.js grammar for the HTTP the lessons show: bare messages, and
 * the transcripts of `curl -v`.
 *
 * highlight.js's own `http` grammar colours a message that starts at its
 * request or status line. The lessons mostly show what `curl -v` prints,
 * where each line sent starts with `> `, each line received with `< `, and
 * curl's own remarks with `* `, after a `$ curl ...` command line. This
 * grammar colours both: the command as shell, the markers, methods, status
 * codes and header names; the bodies stay plain text.
 *
 * @example
 * hljs.registerLanguage("http", httpTranscript);
 * hljs.highlight("> GET / HTTP/1.1\n< HTTP/1.1 200 OK\n", { language: "http" });
 */
import type { HLJSApi, Language } from "highlight.js";

const METHOD = /\b(?:GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS|CONNECT|TRACE)\b/;
const VERSION = /\bHTTP\/\d(?:\.\d)?\b/;
// A status line's code: three digits right after the version.
const STATUS = /(?<=HTTP\/\d(?:\.\d)? )\d{3}\b/;
// A header's name: at the start of a line, or right after curl's "> " or "< ".
const HEADER_NAME = /(?<=^(?:[<>] )?)[A-Za-z][\w-]*(?=: )/;

/**
 * The grammar, as highlight.js's `registerLanguage` takes it.
 * @example hljs.registerLanguage("http", httpTranscript);
 */
export function httpTranscript(_hljs: HLJSApi): Language {
  return {
    name: "HTTP, and curl -v transcripts",
    aliases: ["https"],
    contains: [
      { className: "meta prompt_", begin: /^\$ /, starts: { end: /$/, subLanguage: "bash" } },
      { className: "comment", begin: /^[*{}] /, end: /$/ },
      { className: "meta", begin: /^[<>](?= |$)/ },
      { className: "keyword", begin: METHOD },
      { className: "meta", begin: VERSION },
      { className: "number", begin: STATUS },
      { className: "attribute", begin: HEADER_NAME },
    ],
  };
}

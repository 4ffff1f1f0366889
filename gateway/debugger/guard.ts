/**
 * The guard: who may see a frame's locals and use its console.
 *
 * The console runs any code in the server's process. Werkzeug's debugger
 * shows what happens when that is reachable by the wrong people: consoles
 * found open on the internet, and CVE-2024-34069, where a page on another
 * site could drive the debugger of a developer's own machine. So three
 * rules, all of which must hold:
 * - the secret: a random string made once per process and printed only on
 *   the server's terminal must come with the request, in the
 *   `X-Debugger-Secret` header. A custom header cannot be sent by a page on
 *   another site without the server agreeing (CORS), and the debugger
 *   never agrees. Ten wrong secrets lock it until the server restarts, so
 *   it cannot be guessed;
 * - the place: the request comes from this machine, to a loopback name
 *   (the loopback rule, shared with the trace page: ../loopback.ts);
 * - otherwise: 403, and the reason. The place rule alone decides who sees
 *   an error at all: the answer to a failing request from elsewhere is a
 *   plain 500 with the reason (index.ts), never the report.
 *
 * @example
 * const verdict = guardForProcess().checkSecret(environ);
 * if (!verdict.allowed) return forbidden(verdict.reason);
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { ALLOWED, checkLoopback, refuse, type Verdict } from "../loopback.ts";
import type { Environ } from "../types.ts";

/** The request header that carries the secret. */
export const SECRET_HEADER = "X-Debugger-Secret";

/** The reason given when a request carries no secret at all. */
export const NO_SECRET = `send the secret printed on the server's terminal, in an ${SECRET_HEADER} header`;

/** Wrong secrets allowed before the guard locks for the life of the process. */
export const MAX_WRONG_SECRETS = 10;

/** The secret of one process, and its count of wrong tries. */
export class Guard {
  /** 120 random bits, as 20 characters that survive copy and paste. */
  readonly secret = randomBytes(15).toString("base64url");
  #wrongSecrets = 0;

  /**
   * Whether the request comes from this machine, to a loopback name.
   * @example guard.checkPlace(environ); // { allowed: false, reason: "..." } for REMOTE_ADDR 10.0.0.5
   */
  checkPlace(environ: Environ): Verdict {
    return checkLoopback(environ, "the debugger");
  }

  /**
   * Whether the request may see locals and use the console: the place,
   * then the lock, then the secret. A wrong secret counts toward the lock.
   * @example guard.checkSecret(environ).allowed; // true with the right X-Debugger-Secret, from localhost
   */
  checkSecret(environ: Environ): Verdict {
    const place = this.checkPlace(environ);
    if (!place.allowed) return place;
    if (this.#wrongSecrets >= MAX_WRONG_SECRETS) {
      return refuse(
        `the debugger is locked after ${MAX_WRONG_SECRETS} wrong secrets: restart the server`,
      );
    }
    const given = environ.HTTP_X_DEBUGGER_SECRET;
    if (given === undefined) return refuse(NO_SECRET);
    if (sameSecret(given, this.secret)) return ALLOWED;
    this.#wrongSecrets += 1;
    const left = MAX_WRONG_SECRETS - this.#wrongSecrets;
    if (left === 0) return refuse("wrong secret: the debugger is locked now, until a restart");
    const tries = left === 1 ? "1 more wrong try locks" : `${left} more wrong tries lock`;
    return refuse(`wrong secret (${tries} the debugger): copy it from the server's terminal`);
  }
}

let processGuard: Guard | undefined;

/**
 * The guard of this process: every debugger in it shares one secret and one lock.
 * @example console.log(`Debugger secret: ${guardForProcess().secret}`);
 */
export function guardForProcess(): Guard {
  processGuard ??= new Guard();
  return processGuard;
}

/** Compares hashes in constant time, so the time an answer takes says nothing about the secret. */
function sameSecret(given: string, secret: string): boolean {
  const hash = (text: string) => createHash("sha256").update(text).digest();
  return timingSafeEqual(hash(given), hash(secret));
}

/**
 * The loopback rule: a page only this machine may open.
 *
 * The interactive debugger (debugger/guard.ts) and the trace page
 * (trace/routes.ts) show what happens inside the server's process: frames
 * and locals, environs and headers. Both answer only requests that come
 * from this machine and name it:
 * - `REMOTE_ADDR` is a loopback address (127.0.0.0/8 or ::1);
 * - the `Host` header names localhost or a loopback address. A foreign
 *   site that points its own name at 127.0.0.1 ("DNS rebinding") still
 *   sends its own name in `Host`, and is refused;
 * - `Origin`, when the browser sends one, is a page from localhost too, so
 *   a page on another site cannot read the answer or drive the page.
 *
 * @example
 * const verdict = checkLoopback(environ, "the trace page");
 * if (!verdict.allowed) return forbidden(verdict.reason);
 */
import type { Environ } from "./types.ts";

/** An answer: allowed, or not and why (the why is safe to show). */
export type Verdict =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly reason: string };

const LOOPBACK_NAME = String.raw`(localhost|127(\.\d{1,3}){3}|\[::1\])`;
const LOOPBACK_HOST = new RegExp(`^${LOOPBACK_NAME}(:\\d+)?$`, "i");
const LOOPBACK_ORIGIN = new RegExp(`^https?://${LOOPBACK_NAME}(:\\d+)?$`, "i");

/** The verdict that lets a request through. @example if (verdict === ALLOWED) ... */
export const ALLOWED: Verdict = { allowed: true };

/**
 * Whether the request comes from this machine, to a loopback name.
 * `service` names what refuses, in the reason ("the debugger").
 * @example checkLoopback(environ, "the trace page"); // { allowed: false, reason: "..." } for REMOTE_ADDR 10.0.0.5
 */
export function checkLoopback(environ: Environ, service: string): Verdict {
  const address = environ.REMOTE_ADDR ?? "";
  if (!isLoopbackAddress(address)) {
    return refuse(
      `${service} answers only requests from this machine, not from ${address || "an unknown address"}`,
    );
  }
  const host = environ.HTTP_HOST ?? "";
  if (!LOOPBACK_HOST.test(host)) {
    return refuse(`the Host header must name localhost or a loopback address, not "${host}"`);
  }
  const origin = environ.HTTP_ORIGIN;
  if (origin !== undefined && !LOOPBACK_ORIGIN.test(origin)) {
    return refuse(`a page from "${origin}" may not use ${service}: only pages from localhost may`);
  }
  return ALLOWED;
}

/**
 * 127.0.0.0/8 and ::1, also written as IPv4 inside IPv6 (`::ffff:127.0.0.1`).
 * @example isLoopbackAddress("::ffff:127.0.0.1"); // true
 */
export function isLoopbackAddress(address: string): boolean {
  const ipv4 = address.replace(/^::ffff:/i, "");
  return address === "::1" || /^127(\.\d{1,3}){3}$/.test(ipv4);
}

/**
 * A refusal with its reason.
 * @example refuse("wrong secret");
 */
export function refuse(reason: string): Verdict {
  return { allowed: false, reason };
}

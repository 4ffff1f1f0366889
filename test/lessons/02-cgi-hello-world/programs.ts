/**
 * What every host must answer for lesson 02's hello.ts: the checks the
 * CGI host test and the Apache test share, so both servers are held to
 * the same bytes.
 */
import { fileURLToPath } from "node:url";
import { expect } from "vitest";

/** The lesson's folder of CGI programs. */
export const programs = fileURLToPath(
  new URL("../../../lessons/02-cgi-hello-world/cgi-bin/", import.meta.url),
);

/** What hello.ts answers, given the path it was asked for (SCRIPT_NAME + PATH_INFO + query) and the body. */
export function helloText(target: string, method: string, body: string): string {
  const bytes = Buffer.byteLength(body);
  return `Hello World!\nYou sent ${method} ${target} with a body of ${bytes} bytes: ${JSON.stringify(body)}\n`;
}

/** A status, a header lookup and a body: what a test needs of any response. */
export interface Answer {
  status: number;
  header(name: string): string | undefined | null;
  text: string;
}

/** Checks an answer of hello.ts. */
export function expectHello(answer: Answer, target: string, method: string, body = ""): void {
  expect(answer.status).toBe(200);
  expect(answer.header("Content-Type")).toBe("text/plain; charset=utf-8");
  expect(answer.text).toBe(helloText(target, method, body));
}

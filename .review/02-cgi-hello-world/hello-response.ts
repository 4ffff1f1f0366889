export function respond(env: Record<string, string | undefined>, _body: string): string {
  if (env.REQUEST_METHOD !== "GET" && env.REQUEST_METHOD !== "HEAD") {
    return "Status: 405 Method Not Allowed\r\nAllow: GET, HEAD\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nMethod Not Allowed\n";
  }
  const text = "Hello World!\n";
  return `Status: 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`;
}

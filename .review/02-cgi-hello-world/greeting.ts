export function respond(env: Record<string, string | undefined>, body: string): string {
  const text = env.REQUEST_METHOD === "POST" ? body : env.QUERY_STRING ?? "";
  const name = new URLSearchParams(text).get("name") || "World";
  return `Status: 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHello, ${name}!\n`;
}

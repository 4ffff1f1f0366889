export function httpResponse(status: string, contentType: string, text: string): Uint8Array {
  const body = Buffer.from(text, "utf8");
  const head = `HTTP/1.1 ${status}\r\nContent-Type: ${contentType}\r\nContent-Length: ${body.byteLength}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, "latin1"), body]);
}

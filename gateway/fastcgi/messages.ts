/**
 * The fixed-size record bodies of FastCGI: BEGIN_REQUEST, END_REQUEST and
 * UNKNOWN_TYPE (FastCGI 1.0, sections 5.1, 5.5 and 4.2), and the values a
 * GET_VALUES query asks about (section 4.1).
 *
 * The web server opens each request with a BEGIN_REQUEST naming the role
 * it wants the application to play and whether the connection stays open
 * afterwards; the application closes each request with an END_REQUEST
 * saying how it went.
 *
 * @example
 * const begin = decodeBeginRequest(record.content); // undefined under 8 bytes
 * socket.write(encodeRecord(RecordType.END_REQUEST, 1, encodeEndRequest(0, ProtocolStatus.REQUEST_COMPLETE)));
 */

/** The roles of section 6: this server plays only the responder, which answers HTTP requests. */
export const Role = { RESPONDER: 1, AUTHORIZER: 2, FILTER: 3 } as const;

/** The BEGIN_REQUEST flag that asks the application to keep the connection open after the request. */
export const KEEP_CONN = 1;

/** How a request ended, from the protocol's point of view (section 5.5). */
export const ProtocolStatus = {
  REQUEST_COMPLETE: 0,
  /** The application answers one request at a time on a connection. */
  CANT_MPX_CONN: 1,
  OVERLOADED: 2,
  UNKNOWN_ROLE: 3,
} as const;

/** The variables a GET_VALUES query may ask about (section 4.1). */
export const ManagementVariable = {
  MAX_CONNS: "FCGI_MAX_CONNS",
  MAX_REQS: "FCGI_MAX_REQS",
  MPXS_CONNS: "FCGI_MPXS_CONNS",
} as const;

/** What a BEGIN_REQUEST asks for. */
export interface BeginRequest {
  role: number;
  keepConnection: boolean;
}

/**
 * Reads a BEGIN_REQUEST body: the role (2 bytes), the flags, five reserved
 * bytes. Undefined when it is too short to be one.
 * @example decodeBeginRequest(record.content)?.role === Role.RESPONDER;
 */
export function decodeBeginRequest(content: Uint8Array): BeginRequest | undefined {
  if (content.byteLength < 8) return undefined;
  const role = ((content[0] as number) << 8) | (content[1] as number);
  return { role, keepConnection: ((content[2] as number) & KEEP_CONN) !== 0 };
}

/**
 * The 8-byte body of an END_REQUEST: the app status (4 bytes), the protocol status, three reserved.
 * @example encodeEndRequest(0, ProtocolStatus.UNKNOWN_ROLE);
 */
export function encodeEndRequest(appStatus: number, protocolStatus: number): Buffer {
  const body = Buffer.alloc(8);
  body.writeUInt32BE(appStatus, 0);
  body.writeUInt8(protocolStatus, 4);
  return body;
}

/**
 * The 8-byte body of an UNKNOWN_TYPE answer: the type not understood, seven reserved bytes.
 * @example encodeRecord(RecordType.UNKNOWN_TYPE, 0, encodeUnknownType(record.type));
 */
export function encodeUnknownType(type: number): Buffer {
  const body = Buffer.alloc(8);
  body.writeUInt8(type, 0);
  return body;
}

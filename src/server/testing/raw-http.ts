import { connect } from "node:net";

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  /** The body as sent (chunked framing included); only the start of an event stream. */
  body: string;
}

/**
 * Sends one request exactly as written (any method, any request target, any Host) over a socket
 * with `Connection: close` and reads the answer to its end; an event stream, which never ends, is
 * cut after its headers. Resolves `status: 0` when the server closed the connection without answering.
 */
export function rawRequest(port: number, request: { method: string; target: string; headers?: Record<string, string>; body?: string }): Promise<RawAnswer> {
  const headers: Record<string, string> = { host: `127.0.0.1:${port}`, connection: "close", ...request.headers };
  if (request.body !== undefined) headers["content-length"] = String(Buffer.byteLength(request.body));
  const head = `${request.method} ${request.target} HTTP/1.1\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join("")}\r\n`;
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let received = "";
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      socket.destroy();
      const end = received.indexOf("\r\n\r\n");
      if (end === -1) return resolve({ status: 0, headers: {}, body: "" });
      const [statusLine, ...lines] = received.slice(0, end).split("\r\n");
      const parsed = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(":")).toLowerCase(), l.slice(l.indexOf(":") + 1).trim()]));
      const body = received.slice(end + 4);
      resolve({ status: Number(statusLine!.split(" ")[1]), headers: parsed, body: parsed["transfer-encoding"] === "chunked" ? unchunk(body) : body });
    };
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => {
      received += chunk;
      const end = received.indexOf("\r\n\r\n");
      if (end !== -1 && /content-type:\s*text\/event-stream/i.test(received.slice(0, end))) finish();
    });
    socket.on("end", finish);
    socket.on("close", finish);
    socket.on("error", (error: NodeJS.ErrnoException) => (error.code === "ECONNRESET" || error.code === "EPIPE" ? finish() : reject(error)));
    socket.write(head + (request.body ?? ""), "latin1");
  });
}

/** The payload of a chunked body: each chunk is `size-in-hex CRLF data CRLF`, ending with size 0. */
function unchunk(body: string): string {
  let payload = "";
  let at = 0;
  for (;;) {
    const lineEnd = body.indexOf("\r\n", at);
    const size = lineEnd === -1 ? 0 : Number.parseInt(body.slice(at, lineEnd), 16);
    if (!size) return payload;
    payload += body.slice(lineEnd + 2, lineEnd + 2 + size);
    at = lineEnd + 2 + size + 2;
  }
}

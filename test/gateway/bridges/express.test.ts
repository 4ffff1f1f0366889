import { once } from "node:events";
import type http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { expressHandler } from "../../../gateway/bridges/express.ts";
import { collect, decode, encode } from "../../../gateway/bytes.ts";
import { appUrl } from "../../../gateway/kit/redirects.ts";
import type { App } from "../../../gateway/types.ts";
import { signal } from "../../support/signal.ts";
import { fetchRaw, RawClient, RecordedErrors } from "../http-helpers.ts";

const TEXT: [string, string] = ["Content-Type", "text/plain; charset=utf-8"];
const running: http.Server[] = [];

afterEach(async () => {
  await Promise.all(
    running.splice(0).map(async (server) => {
      const closed = once(server, "close");
      server.close();
      server.closeAllConnections();
      await closed;
    }),
  );
});

/** An Express app, set up by `setup`, listening on a free port of 127.0.0.1. */
async function startExpress(setup: (site: express.Express) => void) {
  const site = express();
  setup(site);
  const server = site.listen(0, "127.0.0.1");
  running.push(server);
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return { port, url: `http://127.0.0.1:${port}` };
}

/** Answers with the environ's CGI keys as JSON. */
const showEnviron: App = (environ, startResponse) => {
  const cgi = Object.fromEntries(Object.entries(environ).filter(([key]) => !key.includes(".")));
  const body = encode(JSON.stringify({ ...cgi, scheme: environ["gateway.url_scheme"] }));
  startResponse("200 OK", [["Content-Type", "application/json"]]);
  return [body];
};

async function environAt(url: string, headers: http.OutgoingHttpHeaders = {}) {
  const answer = await fetchRaw(url, { headers });
  expect(answer.statusCode).toBe(200);
  return JSON.parse(answer.body.toString()) as Record<string, string>;
}

describe("the environ of an app mounted in Express", () => {
  it("takes SCRIPT_NAME from the mount, decodes PATH_INFO, and keeps the query and REQUEST_URI raw", async () => {
    const { url, port } = await startExpress((site) =>
      site.use("/legacy", expressHandler(showEnviron)),
    );
    const environ = await environAt(`${url}/legacy/caf%C3%A9/a%20b?x=%20&y=1`, {
      "X-Custom": "yes",
    });
    expect(environ).toMatchObject({
      REQUEST_METHOD: "GET",
      SCRIPT_NAME: "/legacy",
      PATH_INFO: "/café/a b",
      QUERY_STRING: "x=%20&y=1",
      REQUEST_URI: "/legacy/caf%C3%A9/a%20b?x=%20&y=1",
      SERVER_NAME: "127.0.0.1",
      SERVER_PORT: String(port),
      SERVER_PROTOCOL: "HTTP/1.1",
      REMOTE_ADDR: "127.0.0.1",
      HTTP_HOST: `127.0.0.1:${port}`,
      HTTP_X_CUSTOM: "yes",
      scheme: "http",
    });
  });

  it("gives the mount path itself an empty PATH_INFO, and the mount path with a slash '/'", async () => {
    const { url } = await startExpress((site) => site.use("/legacy", expressHandler(showEnviron)));
    expect((await environAt(`${url}/legacy`)).PATH_INFO).toBe("");
    expect((await environAt(`${url}/legacy/`)).PATH_INFO).toBe("/");
  });

  it("adds up nested mounts, and mounts at the root with an empty SCRIPT_NAME", async () => {
    const { url } = await startExpress((site) => {
      const shop = express.Router();
      shop.use("/legacy", expressHandler(showEnviron));
      site.use("/shop", shop);
      site.use(expressHandler(showEnviron));
    });
    const nested = await environAt(`${url}/shop/legacy/cart`);
    expect([nested.SCRIPT_NAME, nested.PATH_INFO]).toEqual(["/shop/legacy", "/cart"]);
    const root = await environAt(`${url}/anything`);
    expect([root.SCRIPT_NAME, root.PATH_INFO]).toEqual(["", "/anything"]);
  });

  it("keeps the case of the path as sent, though Express matched the mount without regard to it", async () => {
    const { url } = await startExpress((site) => site.use("/legacy", expressHandler(showEnviron)));
    const environ = await environAt(`${url}/LEGACY/Page`);
    expect([environ.SCRIPT_NAME, environ.PATH_INFO]).toEqual(["/LEGACY", "/Page"]);
  });

  it("takes PATH_INFO and the query from the URL a middleware rewrote, keeping REQUEST_URI as sent", async () => {
    const { url } = await startExpress((site) => {
      site.use((req, _res, next) => {
        // "/old/x" is now "/legacy/x", and "/legacy/a" is now "/legacy/b/a".
        req.url = req.url.replace(/^\/old\//, "/legacy/").replace(/^\/legacy\/a/, "/legacy/b/a");
        next();
      });
      site.use("/legacy", expressHandler(showEnviron));
    });
    const moved = await environAt(`${url}/old/caf%C3%A9%20x?y=1`);
    expect(moved).toMatchObject({
      SCRIPT_NAME: "/legacy",
      PATH_INFO: "/café x",
      QUERY_STRING: "y=1",
      REQUEST_URI: "/old/caf%C3%A9%20x?y=1",
    });
    const deeper = await environAt(`${url}/legacy/a`);
    expect([deeper.SCRIPT_NAME, deeper.PATH_INFO]).toEqual(["/legacy", "/b/a"]);
  });

  it("answers 400 when the path is not valid UTF-8, without calling the app", async () => {
    let called = false;
    const app: App = (environ, startResponse) => {
      called = true;
      return showEnviron(environ, startResponse);
    };
    const { url } = await startExpress((site) => site.use("/legacy", expressHandler(app)));
    const answer = await fetchRaw(`${url}/legacy/%FF`);
    expect(answer.statusCode).toBe(400);
    expect(answer.body.toString()).toContain("not valid percent-encoded UTF-8");
    expect(called).toBe(false);
  });
});

describe("an app mounted in Express, answering", () => {
  it("builds links from SCRIPT_NAME that lead back into the app", async () => {
    const app: App = (environ, startResponse) => {
      const page =
        environ.PATH_INFO === "/next"
          ? "<p>the next page</p>"
          : `<a href="${appUrl(environ, "/next")}">next</a>`;
      startResponse("200 OK", [["Content-Type", "text/html; charset=utf-8"]]);
      return [encode(page)];
    };
    const { url } = await startExpress((site) => site.use("/legacy", expressHandler(app)));
    const first = (await fetchRaw(`${url}/legacy/`)).body.toString();
    const href = /href="([^"]+)"/.exec(first)?.[1];
    expect(href).toBe("/legacy/next");
    expect((await fetchRaw(`${url}${href}`)).body.toString()).toBe("<p>the next page</p>");
  });

  it("gets the body of a POST as gateway.input", async () => {
    const echo: App = async (environ, startResponse) => {
      const body = await collect(environ["gateway.input"]);
      startResponse("200 OK", [TEXT]);
      return [encode(`${environ.CONTENT_TYPE} ${environ.CONTENT_LENGTH}: `), body];
    };
    const { url } = await startExpress((site) => site.use("/legacy", expressHandler(echo)));
    const answer = await fetchRaw(`${url}/legacy/echo`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "name=Ada&lang=caf%C3%A9",
    });
    expect(answer.body.toString()).toBe(
      "application/x-www-form-urlencoded 23: name=Ada&lang=caf%C3%A9",
    );
  });

  it("says clearly that a body parser before it has read the body, and reads bodies it skipped", async () => {
    const errors = new RecordedErrors();
    const echo: App = async (environ, startResponse) => {
      const body = await collect(environ["gateway.input"]);
      startResponse("200 OK", [TEXT]);
      return [body];
    };
    const { url } = await startExpress((site) => {
      site.use(express.json());
      site.use("/legacy", expressHandler(echo, { errors }));
    });
    const json = await fetchRaw(`${url}/legacy/`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: '{"name":"Ada"}',
    });
    expect(json.statusCode).toBe(500);
    expect(errors.text).toContain("the request body was already read");
    expect(errors.text).toContain("express.json()");
    const text = await fetchRaw(`${url}/legacy/`, {
      method: "POST",
      headers: { "Content-Type": "text/plain" },
      body: "not JSON, so express.json() left it",
    });
    expect(text.body.toString()).toBe("not JSON, so express.json() left it");
  });

  it("streams a generator's chunks as they come, and runs its finally when the client leaves", async () => {
    const goOn = signal();
    const left = signal();
    const finished = signal();
    let chunksAfterLeaving = 0;
    const app: App = async function* (_environ, startResponse) {
      try {
        startResponse("200 OK", [TEXT]);
        yield encode("first");
        await goOn.promise;
        for (; chunksAfterLeaving < 1000; chunksAfterLeaving += 1) yield encode("more");
      } finally {
        finished.resolve();
      }
    };
    const { port } = await startExpress((site) => {
      site.use((_req, res, next) => {
        res.on("close", () => left.resolve());
        next();
      });
      site.use("/legacy", expressHandler(app));
    });
    const client = await RawClient.connect(port);
    client.socket.write("GET /legacy/ HTTP/1.1\r\nHost: localhost\r\n\r\n");
    await client.waitFor("first"); // it came while the generator still waits
    client.socket.destroy();
    await left.promise;
    goOn.resolve();
    await finished.promise;
    expect(chunksAfterLeaving).toBeLessThan(1000);
  });

  it("answers an error before the headers with the gateway's 500 page, and logs it", async () => {
    const errors = new RecordedErrors();
    const failing: App = () => {
      throw new Error("the database is down");
    };
    const { url } = await startExpress((site) => {
      site.use("/legacy", expressHandler(failing, { errors }));
    });
    const answer = await fetchRaw(`${url}/legacy/`);
    expect(answer.statusCode).toBe(500);
    expect(answer.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(answer.body.toString()).toContain("<h1>Internal Server Error</h1>");
    expect(answer.body.toString()).not.toContain("database");
    expect(errors.text).toContain("Error while serving GET /legacy/");
    expect(errors.text).toContain("the database is down");
  });

  it("hands a failure before the app was called to Express's error handlers, which can still answer", async () => {
    const { url } = await startExpress((site) => {
      site.use((req, _res, next) => {
        // A broken middleware: the bridge cannot build an environ without the target.
        Object.assign(req, { originalUrl: undefined });
        next();
      });
      site.use("/legacy", expressHandler(showEnviron));
      site.use(
        (
          error: Error,
          _req: express.Request,
          res: express.Response,
          _next: express.NextFunction,
        ) => {
          res.status(503).send(`Express's error handler: ${error.name}`);
        },
      );
    });
    const answer = await fetchRaw(`${url}/legacy/`);
    expect(answer.statusCode).toBe(503);
    expect(answer.body.toString()).toBe("Express's error handler: TypeError");
  });

  it("sends each Set-Cookie, and keeps the headers Express set unless the app sends its own", async () => {
    const app: App = (_environ, startResponse) => {
      startResponse("200 OK", [
        TEXT,
        ["Set-Cookie", "a=1"],
        ["Set-Cookie", "b=2"],
        ["Cache-Control", "no-store"],
      ]);
      return [encode("cookies")];
    };
    const { url } = await startExpress((site) => {
      site.use((_req, res, next) => {
        res.setHeader("Access-Control-Allow-Origin", "*");
        res.setHeader("Cache-Control", "public");
        next();
      });
      site.use("/legacy", expressHandler(app));
    });
    const answer = await fetchRaw(`${url}/legacy/`);
    expect(answer.headers["set-cookie"]).toEqual(["a=1", "b=2"]);
    expect(answer.headers["cache-control"]).toBe("no-store");
    expect(answer.headers["access-control-allow-origin"]).toBe("*");
    expect(answer.headers["x-powered-by"]).toBe("Express");
    expect(answer.headers["content-length"]).toBe("7");
  });
});

describe("Express around a mounted app", () => {
  it("keeps serving its own routes, before and after the mount, and its own 404", async () => {
    const { url } = await startExpress((site) => {
      site.get("/", (_req, res) => {
        res.send("Express's home");
      });
      site.use("/legacy", expressHandler(showEnviron));
      site.get("/legacy-free", (_req, res) => {
        res.send("a path that only starts like the mount");
      });
    });
    expect(decode((await fetchRaw(`${url}/`)).body)).toBe("Express's home");
    expect(decode((await fetchRaw(`${url}/legacy-free`)).body)).toBe(
      "a path that only starts like the mount",
    );
    expect((await environAt(`${url}/legacy/x`)).PATH_INFO).toBe("/x");
    expect((await fetchRaw(`${url}/nowhere`)).statusCode).toBe(404);
  });
});

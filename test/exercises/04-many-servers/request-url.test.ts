/** Exercise 04-request-url: the request's URL, rebuilt as PEP 3333 says. */
import { describe, expect, it } from "vitest";
import { TestClient } from "../../../gateway/test-client.ts";
import type { App, Environ } from "../../../gateway/types.ts";
import { exerciseExport, lessonSection } from "../load-exercise.ts";

const section = lessonSection("04-many-servers", "Exercise: rebuild the request URL");
const file = "04-many-servers/request-url.ts";

type RequestUrl = (environ: Environ) => string;

/** An environ with only the keys URL reconstruction reads; `keys` change some. */
function environ(keys: Record<string, unknown>): Environ {
  const base = {
    "gateway.url_scheme": "http",
    SERVER_NAME: "example.org",
    SERVER_PORT: "80",
    SCRIPT_NAME: "",
    PATH_INFO: "/",
    QUERY_STRING: "",
  };
  return { ...base, ...keys } as unknown as Environ;
}

/** The environ's keys as a learner would write them: `SERVER_NAME: "example.org", ...`. */
function shown(environ: Environ): string {
  const keys = Object.entries(environ).map(([key, value]) => `${key}: ${JSON.stringify(value)}`);
  return `the environ { ${keys.join(", ")} }`;
}

/** Checks requestUrl on one environ, with a message that shows the keys. */
async function expectUrl(keys: Record<string, unknown>, url: string, why: string): Promise<void> {
  const requestUrl = await exerciseExport<RequestUrl>(file, "requestUrl", "function", section);
  const given = environ(keys);
  expect(requestUrl(given), `with ${shown(given)} the URL is ${url}: ${why}; ${section.see}`).toBe(
    url,
  );
}

describe("04-request-url", () => {
  it("uses the Host header when there is one", async () => {
    await expectUrl(
      { HTTP_HOST: "www.example.org:8080", PATH_INFO: "/hello" },
      "http://www.example.org:8080/hello",
      "HTTP_HOST wins over SERVER_NAME and SERVER_PORT",
    );
  });

  it("falls back on SERVER_NAME, leaving out the scheme's default port", async () => {
    await expectUrl({}, "http://example.org/", "port 80 is http's default: leave it out");
    await expectUrl({ HTTP_HOST: "" }, "http://example.org/", "an empty HTTP_HOST counts as none");
    await expectUrl(
      { SERVER_PORT: "8004" },
      "http://example.org:8004/",
      "any other port is written after a colon",
    );
    await expectUrl(
      { "gateway.url_scheme": "https", SERVER_PORT: "443" },
      "https://example.org/",
      "port 443 is https's default",
    );
    await expectUrl(
      { "gateway.url_scheme": "https", SERVER_PORT: "80" },
      "https://example.org:80/",
      "80 is not https's default",
    );
  });

  it("adds SCRIPT_NAME, then PATH_INFO, percent-encoded", async () => {
    await expectUrl(
      { SCRIPT_NAME: "/blog", PATH_INFO: "/posts/1" },
      "http://example.org/blog/posts/1",
      "the app's mount point, SCRIPT_NAME, comes before PATH_INFO",
    );
    await expectUrl(
      { PATH_INFO: "/a b/Zürich?#" },
      "http://example.org/a%20b/Z%C3%BCrich%3F%23",
      "encode each segment with encodeURIComponent, keeping the slashes",
    );
  });

  it("adds the query string as it is, only when there is one", async () => {
    await expectUrl(
      { PATH_INFO: "/search", QUERY_STRING: "q=a%20b&page=2" },
      "http://example.org/search?q=a%20b&page=2",
      'QUERY_STRING was never decoded: add "?" and it, unchanged',
    );
  });

  it("answers with the URL through the app", async () => {
    const app = await exerciseExport<App>(file, "app", "function", section);
    const response = await new TestClient(app).get("/a%20b?x=1");
    expect(response.text, `the app answers requestUrl(environ); ${section.see}`).toBe(
      "http://localhost/a%20b?x=1\n",
    );
  });
});

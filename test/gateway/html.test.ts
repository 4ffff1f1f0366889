import { describe, expect, it } from "vitest";
import { decode } from "../../gateway/bytes.ts";
import { escapeHtml, html, htmlResponse, SafeHtml, safe } from "../../gateway/html.ts";
import type { Headers, StartResponse } from "../../gateway/types.ts";

describe("the html template", () => {
  it("escapes & < > \" and ' in every value", () => {
    const value = `Tom & "Jerry" <script>alert('x')</script>`;
    expect(String(html`<p title="${value}">${value}</p>`)).toBe(
      '<p title="Tom &amp; &quot;Jerry&quot; &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;">' +
        "Tom &amp; &quot;Jerry&quot; &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</p>",
    );
  });

  it("leaves the template's own markup as written", () => {
    expect(String(html`<a href="/x?a=1&b=2">link</a>`)).toBe('<a href="/x?a=1&b=2">link</a>');
  });

  it("puts nested templates in unescaped, and escapes only their values", () => {
    const name = "<b>";
    const inner = html`<em>${name}</em>`;
    expect(String(html`<p>${inner}</p>`)).toBe("<p><em>&lt;b&gt;</em></p>");
  });

  it("joins a list of values, escaping each", () => {
    const items = ["a<b", "c&d"];
    const list = html`<ul>${items.map((item) => html`<li>${item}</li>`)}</ul>`;
    expect(String(list)).toBe("<ul><li>a&lt;b</li><li>c&amp;d</li></ul>");
  });

  it("drops null, undefined and false, so a condition can switch a part off", () => {
    const signedIn = false;
    expect(String(html`[${null}${undefined}${signedIn && html`<b>hi</b>`}]`)).toBe("[]");
  });

  it("writes numbers, zero included", () => {
    expect(String(html`${0} of ${3}`)).toBe("0 of 3");
  });

  it("trusts markup marked with safe(), and only that", () => {
    const trusted = safe("<b>ours</b>");
    expect(trusted).toBeInstanceOf(SafeHtml);
    expect(String(html`<div>${trusted}${"<b>theirs</b>"}</div>`)).toBe(
      "<div><b>ours</b>&lt;b&gt;theirs&lt;/b&gt;</div>",
    );
  });

  it("returns SafeHtml, so a template's result is never escaped twice", () => {
    const once = html`<i>${"&"}</i>`;
    expect(once).toBeInstanceOf(SafeHtml);
    expect(String(html`${once}${once}`)).toBe("<i>&amp;</i><i>&amp;</i>");
  });

  it("escapeHtml escapes text on its own", () => {
    expect(escapeHtml(`<&>"'`)).toBe("&lt;&amp;&gt;&quot;&#39;");
  });
});

describe("htmlResponse", () => {
  it("starts the response as UTF-8 HTML with its length, and returns the page as a body", () => {
    const calls: Array<[string, Headers]> = [];
    const startResponse: StartResponse = (status, headers) => {
      calls.push([status, headers]);
      return async () => {};
    };
    const body = htmlResponse(startResponse, "404 Not Found", html`<h1>Café ${"<x>"}</h1>`, [
      ["Cache-Control", "no-store"],
    ]);
    expect(calls).toEqual([
      [
        "404 Not Found",
        [
          ["Content-Type", "text/html; charset=utf-8"],
          ["Content-Length", "24"],
          ["Cache-Control", "no-store"],
        ],
      ],
    ]);
    expect(decode(body)).toBe("<h1>Café &lt;x&gt;</h1>");
  });
});

// The trace page's script: the list of requests, the diagram, the details of an arrow.
// Plain DOM, no framework. Text from the traces goes in with textContent, never as markup;
// the diagrams are SVG the server drew with every value escaped.
(() => {
  const main = document.getElementById("trace");
  const list = document.getElementById("list");
  const empty = document.getElementById("empty");
  const follow = document.getElementById("follow");
  const diagram = document.getElementById("diagram");
  const diagramTitle = document.getElementById("diagram-title");
  const exportsLine = document.getElementById("exports");
  const details = document.getElementById("details");
  const detailsBody = document.getElementById("details-body");
  const statusLine = document.getElementById("status");
  const base = main.dataset.base;

  /** id -> { trace, svg } */
  const entries = new Map();
  let selected;
  let selectedEvent;

  for (const entry of JSON.parse(document.getElementById("entries").textContent)) {
    entries.set(entry.trace.id, entry);
  }
  const asked = /\/trace\/(\d+)$/.exec(location.pathname);
  selected = asked ? Number(asked[1]) : Math.max(0, ...entries.keys()) || undefined;
  if (asked) follow.checked = false;
  render();

  if (main.dataset.live) connect(main.dataset.live);

  function connect(url) {
    const source = new EventSource(url);
    source.onopen = () => setStatus("live: each request appears as it happens", "live");
    source.onerror = () =>
      setStatus("disconnected: is the server still running? (trying again)", "down");
    source.addEventListener("trace", (message) => receive(JSON.parse(message.data)));
  }

  function setStatus(text, kind) {
    statusLine.textContent = text;
    statusLine.className = `status ${kind}`;
  }

  function receive(entry) {
    const id = entry.trace.id;
    const isNew = !entries.has(id);
    entries.set(id, entry);
    if (isNew && (follow.checked || selected === undefined)) selected = id;
    render();
  }

  function render() {
    empty.hidden = entries.size > 0;
    const items = [...entries.values()].sort((a, b) => b.trace.id - a.trace.id);
    list.replaceChildren(...items.map(listItem));
    renderDiagram();
  }

  function listItem({ trace }) {
    const button = h(
      "button",
      { type: "button" },
      h("span", { class: "request" }, `#${trace.id} ${trace.method} ${trace.uri}`),
      h("span", { class: "outcome" }, outcome(trace)),
    );
    button.addEventListener("click", () => {
      selected = trace.id;
      follow.checked = false;
      closeDetails();
      render();
    });
    const failed = trace.errors.some((error) => !error.caught) || /^5/.test(trace.status ?? "");
    const kind = [
      trace.id === selected ? "selected" : "",
      failed ? "failed" : "",
      trace.done ? "" : "running",
    ];
    return h("li", { class: kind.join(" ").trim() }, button);
  }

  function outcome(trace) {
    const last = trace.events.at(-1);
    const time = last ? ` · ${ms(last.t)}` : "";
    if (!trace.done) return `under way${time}`;
    const cut = trace.events.some((event) => event.kind === "abort");
    return `${trace.status ?? "no answer"}${cut ? ", cut" : ""}${time}`;
  }

  function renderDiagram() {
    const entry = entries.get(selected);
    if (entry === undefined) {
      diagram.replaceChildren();
      diagramTitle.textContent = "";
      exportsLine.replaceChildren();
      return;
    }
    const { trace } = entry;
    diagramTitle.textContent = `#${trace.id} ${trace.method} ${trace.uri} → ${trace.status ?? "…"}`;
    diagram.innerHTML = entry.svg; // drawn by the server, every value escaped (diagram.ts)
    exportsLine.replaceChildren(...exportLinks(trace));
    for (const group of diagram.querySelectorAll(".event")) {
      group.addEventListener("click", () => showDetails(Number(group.dataset.event)));
      group.addEventListener("keydown", (key) => {
        if (key.key === "Enter" || key.key === " ") showDetails(Number(group.dataset.event));
      });
    }
    if (selectedEvent !== undefined) mark(selectedEvent);
  }

  function exportLinks(trace) {
    const notes = [];
    if (trace.bodiesHidden)
      notes.push("body bytes hidden (a form post, or a response that sets a cookie)");
    if (trace.dropped > 0) notes.push(`${trace.dropped} more events not kept`);
    const links = base
      ? [
          "This trace: ",
          h(
            "a",
            { href: `${base}/${trace.id}?format=svg`, download: `trace-${trace.id}.svg` },
            "SVG",
          ),
          " · ",
          h(
            "a",
            { href: `${base}/${trace.id}?format=html`, download: `trace-${trace.id}.html` },
            "HTML",
          ),
          " · ",
          h("a", { href: `${base}/${trace.id}?format=json` }, "JSON"),
        ]
      : [];
    return [...links, notes.length ? ` (${notes.join("; ")})` : ""];
  }

  function mark(index) {
    for (const group of diagram.querySelectorAll(".event.selected"))
      group.classList.remove("selected");
    diagram.querySelector(`.event[data-event="${index}"]`)?.classList.add("selected");
  }

  function showDetails(index) {
    const { trace } = entries.get(selected);
    const event = trace.events[index];
    selectedEvent = index;
    mark(index);
    const lane = (i) => (i === -1 ? "the client" : (trace.lanes[i]?.name ?? "?"));
    detailsBody.replaceChildren(
      h("h3", {}, `${event.kind}: ${lane(event.from)} → ${lane(event.to)}`),
      h(
        "p",
        { class: "when" },
        `at ${ms(event.t)}${event.until !== undefined ? `, until ${ms(event.until)}` : ""}`,
      ),
      ...describe(trace, event, lane),
    );
    details.hidden = false;
  }

  function describe(trace, event, lane) {
    switch (event.kind) {
      case "call":
        return environ(event, lane);
      case "start-response":
        return [
          h("p", {}, `Status: ${event.status}`),
          event.origin !== event.from
            ? h("p", {}, `Made by ${lane(event.origin)}; ${lane(event.from)} passed it on.`)
            : "",
          event.excInfo
            ? h("p", { class: "warn" }, `excInfo: ${event.excInfo.name}: ${event.excInfo.message}`)
            : "",
          event.threw
            ? h(
                "p",
                { class: "error" },
                `It threw ${event.threw.name}: ${event.threw.message} (the headers had gone out)`,
              )
            : "",
          headerTable(event.headers),
        ];
      case "head":
        return [h("p", {}, `Status: ${event.status}`), headerTable(event.headers)];
      case "chunk":
      case "write":
      case "input":
        return [h("p", {}, `${event.size} bytes`), bytesShown(trace, event)];
      case "error": {
        const path = trace.errors.find((error) => error.id === event.error.id);
        return [
          h("p", { class: "error" }, `${event.error.name}: ${event.error.message}`),
          h(
            "p",
            {},
            `While: ${event.during}. Thrown by ${lane(path.thrownBy)}; it reached ${lane(path.reached)}, ${path.caught ? "which caught it" : "so the server answered it (a 500 page, or the connection cut)"}.`,
          ),
        ];
      }
      default:
        return [h("pre", {}, JSON.stringify(event, null, 2))];
    }
  }

  function environ(event, lane) {
    const changed = new Map(event.changes.map((change) => [change.key, change]));
    const summary = event.changes.length
      ? `What ${lane(event.from)} changed before calling ${lane(event.to)} is highlighted.`
      : event.from === 0
        ? "The environ as the server built it."
        : `The same environ ${lane(event.from)} got: nothing changed.`;
    const rows = Object.entries(event.environ).map(([key, value]) => {
      const change = changed.get(key);
      const kind = change === undefined ? "" : change.before === undefined ? "added" : "changed";
      const cell =
        change?.before !== undefined
          ? h("td", {}, h("del", {}, change.before), " → ", value)
          : h("td", {}, value);
      return h("tr", { class: kind }, h("th", {}, key), cell);
    });
    for (const change of event.changes) {
      if (change.after === undefined)
        rows.push(
          h(
            "tr",
            { class: "removed" },
            h("th", {}, change.key),
            h("td", {}, h("del", {}, change.before)),
          ),
        );
    }
    return [h("p", {}, summary), h("table", { class: "environ" }, h("tbody", {}, ...rows))];
  }

  function headerTable(headers) {
    return h(
      "table",
      { class: "headers" },
      h(
        "tbody",
        {},
        ...headers.map(([name, value]) => h("tr", {}, h("th", {}, name), h("td", {}, value))),
      ),
    );
  }

  function bytesShown(trace, event) {
    if (event.preview !== undefined) return h("pre", { class: "preview" }, event.preview);
    if (trace.bodiesHidden)
      return h(
        "p",
        { class: "hidden" },
        "Bytes hidden: a form post, or a response that sets a cookie, shows sizes only.",
      );
    return h("p", { class: "hidden" }, "Bytes shown once the response's headers are known.");
  }

  function closeDetails() {
    details.hidden = true;
    selectedEvent = undefined;
    mark(-1);
  }
  document.getElementById("close-details").addEventListener("click", closeDetails);
  document.addEventListener("keydown", (key) => {
    if (key.key === "Escape") closeDetails();
  });

  function ms(t) {
    return t < 1
      ? `${t.toFixed(2)} ms`
      : t < 1000
        ? `${t.toFixed(1)} ms`
        : `${(t / 1000).toFixed(2)} s`;
  }

  function h(tag, attributes, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    element.append(...children.filter((child) => child !== ""));
    return element;
  }
})();

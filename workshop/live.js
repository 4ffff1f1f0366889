// The home's live pages, in the browser: the exercise page and the instructor's mode.
//
// An element with `data-events="URL"` names the page's event stream. Each
// message `event: NAME` carries the new HTML of the element marked
// `data-live="NAME"`, which is put in its place (the server built it, with
// every value escaped). A `reload` message reloads the page. Forms marked
// `data-live-form` are sent in the background: the page stays, and its
// stream shows what changed. Without this script the page still works:
// the forms post, and the page is shown again.

const stream = document.querySelector("[data-events]");
if (stream !== null) {
  const events = new EventSource(stream.dataset.events);
  for (const slot of document.querySelectorAll("[data-live]")) {
    events.addEventListener(slot.dataset.live, (event) => {
      slot.innerHTML = event.data;
      bindForms(slot);
      // The instructor's step: bring its highlighted lines into view.
      slot.querySelector("[data-focus]")?.scrollIntoView({ block: "center", behavior: "smooth" });
    });
  }
  events.addEventListener("reload", () => location.reload());
}
bindForms(document);

/** Sends the forms marked data-live-form with fetch, and says so when the home refuses. */
function bindForms(within) {
  for (const form of within.querySelectorAll("form[data-live-form]")) {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const body = new URLSearchParams(new FormData(form, event.submitter));
      const response = await fetch(form.action, {
        method: "POST",
        body,
        headers: { "X-Live-Form": "1" },
      });
      if (!response.ok) alert(`The home refused: ${response.status} ${await response.text()}`);
    });
  }
}

// The debugger page's script (page.ts puts it in the page).
//
// Without the secret the page holds frames and source only. Typing the
// secret fetches this error's report again as JSON, with the secret in the
// X-Debugger-Secret header, and fills in each frame's locals; then each
// frame's console sends its expression as a POST with the same header.
//
// The secret stays in this page's memory and nowhere else. Kept in
// sessionStorage or a cookie it would outlive the page, and any script on
// the app's own pages (same origin) could read or use it: a small
// cross-site scripting bug in the app would become running code on the
// server. Typing it again after a reload is the price.

const main = document.getElementById("debugger");
const unlockForm = document.getElementById("unlock");
const unlockStatus = document.getElementById("unlock-status");
let secret = "";

unlockForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  // Read from the field itself: it has no name, so no form submission could carry it.
  const typed = document.getElementById("secret").value.trim();
  const headers = { Accept: "application/json", "X-Debugger-Secret": typed };
  const answer = await ask(main.dataset.report, { headers });
  if (!answer.ok) {
    unlockStatus.textContent = answer.body.error;
    return;
  }
  secret = typed;
  answer.body.frames.forEach(showLocals);
  for (const fieldset of main.querySelectorAll("form.console fieldset")) fieldset.disabled = false;
  unlockStatus.textContent = "Unlocked: the locals are shown and the consoles run.";
  document.getElementById("secret").value = "";
});

for (const form of main.querySelectorAll("form.console")) {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    runInConsole(form);
  });
}

/** Replaces a frame's "hidden" note by a table of its locals (as text: never as markup). */
function showLocals(frame, index) {
  const box = main.querySelector(`.locals[data-frame="${index}"]`);
  if (box === null || frame.locals === null) return;
  const table = document.createElement("table");
  for (const [name, value] of Object.entries(frame.locals)) {
    const row = table.insertRow();
    const heading = document.createElement("th");
    heading.textContent = name;
    const preview = document.createElement("pre");
    preview.textContent = value;
    row.append(heading);
    row.insertCell().append(preview);
  }
  box.replaceChildren(table);
}

async function runInConsole(form) {
  const input = form.querySelector("input");
  const expression = input.value;
  if (expression.trim() === "") return;
  const answer = await ask(form.action, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      Accept: "application/json",
      "X-Debugger-Secret": secret,
    },
    body: JSON.stringify({ expression }),
  });
  const entry = document.createElement("div");
  entry.className = answer.ok && answer.body.ok ? "answer" : "thrown";
  entry.textContent = `> ${expression}\n${answer.ok ? answer.body.text : answer.body.error}`;
  main.querySelector(`.console-output[data-frame="${form.dataset.frame}"]`).append(entry);
  input.value = "";
}

/** Fetches JSON; a failure to connect becomes an answer with an error, like a refusal. */
async function ask(url, init) {
  try {
    const response = await fetch(url, init);
    return { ok: response.ok, body: await response.json() };
  } catch (error) {
    return { ok: false, body: { error: `no answer from the server: ${error.message}` } };
  }
}

/**
 * "Open in your editor", from an exercise page.
 *
 * Two ways, as epicshop offers: a `vscode://file/...` link, which the
 * browser hands to VS Code with no help from the server; and, when the
 * home was started with `VISUAL` or `EDITOR` set, a button that asks the
 * home to start that editor on the exercise's file. The command is the
 * learner's own setting, read from the home's environment when it starts;
 * the file comes from the manifest; nothing of the request is run, and the
 * editor is started without a shell, so no part of a path is ever read as
 * a command.
 *
 * An editor that lives in a terminal (vim, nano) cannot open in a
 * browser's name: it would start with no terminal to draw in. The page says
 * so and shows the path instead.
 *
 * @example
 * vscodeUrl("/home/me/workshop/starter/05-function-middleware/add-header.ts", 27);
 * // "vscode://file/home/me/workshop/starter/05-function-middleware/add-header.ts:27"
 * const editor = configuredEditor(process.env); // { program: "code", args: ["-w"], name: "code", windowed: true }
 * if (editor?.windowed) await openInEditor(editor, file);
 */
import { spawn } from "node:child_process";
import path from "node:path";

/** The editor the learner set, as a program and its arguments. */
export interface Editor {
  readonly program: string;
  readonly args: readonly string[];
  /** The program's name, for the button: "code". */
  readonly name: string;
  /** False for an editor that needs a terminal to draw in. */
  readonly windowed: boolean;
}

/** Editors that draw in a terminal, by program name. */
const TERMINAL_EDITORS = new Set([
  "vi",
  "vim",
  "nvim",
  "nano",
  "pico",
  "micro",
  "hx",
  "kak",
  "joe",
  "ed",
  "ne",
  "mg",
]);

/**
 * A link that opens the file in VS Code at `line`, on any system.
 * @example vscodeUrl("C:\\work\\starter\\a.ts", 3); // "vscode://file/C:/work/starter/a.ts:3"
 */
export function vscodeUrl(file: string, line: number): string {
  const slashed = file.split(path.sep).join("/");
  const absolute = slashed.startsWith("/") ? slashed : `/${slashed}`;
  return `vscode://file${encodeURI(absolute)}:${line}`;
}

/**
 * `VISUAL`, else `EDITOR`, split into a program and its arguments (double quotes keep spaces:
 * `"C:\Program Files\Editor\editor.exe" --new-window`); undefined when neither is set.
 * @example configuredEditor({ EDITOR: "code -w" }); // { program: "code", args: ["-w"], name: "code", windowed: true }
 */
export function configuredEditor(env: NodeJS.ProcessEnv): Editor | undefined {
  const setting = (env.VISUAL || env.EDITOR || "").trim();
  const [program, ...args] = splitWords(setting);
  if (program === undefined) return undefined;
  const name = path.basename(program).replace(/\.(exe|cmd|bat)$/i, "");
  // `emacs -nw` draws in the terminal; `vim -g` opens a window.
  const inTerminal = TERMINAL_EDITORS.has(name)
    ? !args.includes("-g")
    : name === "emacs" && args.includes("-nw");
  return { program, args, name, windowed: !inTerminal };
}

/**
 * Starts the editor on `file`, without a shell, and leaves it running on its own.
 * Resolves once it has started; rejects with the reason when it cannot start.
 * @example await openInEditor(editor, "/home/me/workshop/starter/signin/csrf.ts");
 */
export function openInEditor(editor: Editor, file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(editor.program, [...editor.args, file], {
      shell: false,
      detached: true,
      stdio: "ignore",
    });
    child.once("error", (error) =>
      reject(
        new Error(`${editor.program} could not start: ${error.message}${windowsHint(editor)}`),
      ),
    );
    child.once("spawn", () => {
      child.unref();
      resolve();
    });
  });
}

/**
 * Windows finds `code` as `code.cmd`, a script that only a shell runs; the home starts no shell.
 * @example windowsHint(editor); // on Windows, for "code": " (on Windows, set EDITOR to the editor's .exe ...)"
 */
function windowsHint(editor: Editor): string {
  if (process.platform !== "win32" || /\.exe$/i.test(editor.program)) return "";
  return ' (on Windows, set EDITOR to the editor\'s .exe, in double quotes: "C:\\...\\Code.exe")';
}

/** Words separated by spaces, where "double quotes" keep a word's spaces. */
function splitWords(text: string): string[] {
  return [...text.matchAll(/"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? match[2] ?? "");
}

/**
 * Reading the forms of a page, as a browser would, for the sign-in app's
 * tests (test/signin and test/exercises/11-sign-in): each form's attributes
 * and fields, with the values unescaped.
 *
 * A regular expression is enough for markup our own templates write; it is
 * not an HTML parser for pages from elsewhere.
 *
 * @example
 * const [form] = formsIn(page.text);
 * form?.attributes.action; // "/signin?next=/private"
 * fieldValue(page.text, "csrf_token"); // "q3XN..."
 */

/** One `<form>` of a page. */
export interface PageForm {
  attributes: Record<string, string>;
  /** Each `<input>` and `<button>` inside, with its attributes, in order. */
  fields: Array<Record<string, string>>;
}

const ENTITIES: Record<string, string> = {
  "&amp;": "&",
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&#39;": "'",
};

/**
 * The attributes of a tag's text (`name="x" required`), unescaped; a bare attribute is "".
 * @example attributesOf(' name="a&amp;b" required'); // { name: "a&b", required: "" }
 */
export function attributesOf(text: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of text.matchAll(/([\w-]+)(?:\s*=\s*"([^"]*)")?/g)) {
    const [, name = "", value = ""] = match;
    attributes[name.toLowerCase()] = unescapeHtml(value);
  }
  return attributes;
}

/**
 * Every form of the page.
 * @example formsIn(page.text).map((form) => form.attributes.action);
 */
export function formsIn(markup: string): PageForm[] {
  return [...markup.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)].map(
    ([, head = "", body = ""]) => ({
      attributes: attributesOf(head),
      fields: [...body.matchAll(/<(?:input|button)\b([^>]*)>/g)].map(([, tag = ""]) =>
        attributesOf(tag),
      ),
    }),
  );
}

/**
 * The value of the first field named `name` anywhere on the page; undefined
 * when there is no such field, or it has no value.
 * @example fieldValue(page.text, "csrf_token");
 */
export function fieldValue(markup: string, name: string): string | undefined {
  for (const form of formsIn(markup)) {
    const field = form.fields.find((attributes) => attributes.name === name);
    if (field !== undefined) return field.value;
  }
  return undefined;
}

/**
 * Text with the five entities the `html` tag writes turned back into characters.
 * @example unescapeHtml("&lt;b&gt;"); // "<b>"
 */
export function unescapeHtml(text: string): string {
  return text.replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity);
}

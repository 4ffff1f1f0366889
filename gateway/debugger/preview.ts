/**
 * Previews: a short, safe line of text for any value (Werkzeug's `repr.py`).
 *
 * The debugger shows values it knows nothing about, from code that just
 * failed. Showing one must never fail, hang or flood the page, and must not
 * run the value's own code: a getter or a Proxy trap could throw, loop, or
 * change the very state you are looking at. So a preview:
 * - reads properties through their descriptors: a getter shows as
 *   `[Getter]` and is never called; a Proxy shows as `Proxy`, untouched,
 *   and a lookup up the prototype chain stops where it meets one;
 * - marks a value met again inside itself as `[Circular]`;
 * - stops at a depth, a number of items per object or list, a length per
 *   string, and a length in all: past it, "…" says there is more.
 * Anything that still throws (an exotic host object, say) becomes
 * `[no preview: ...]` instead of an error.
 *
 * @example
 * const user = { name: "Ada", tags: ["a", "b"] };
 * preview(user); // '{ name: "Ada", tags: ["a", "b"] }'
 */
import { types } from "node:util";
import { UNAVAILABLE } from "./capture.ts";

/** How much of a value a preview may show. */
export interface PreviewLimits {
  /** Nesting levels shown; deeper objects show as `[Object]`. */
  readonly depth: number;
  /** Items shown per object, array, Map or Set. */
  readonly items: number;
  /** Characters shown per string. */
  readonly string: number;
  /** Characters in all. */
  readonly total: number;
}

/** For the locals table: a glance. */
export const SHORT: PreviewLimits = { depth: 2, items: 10, string: 120, total: 1_000 };
/** For a console answer: what you asked for, within reason. */
export const LONG: PreviewLimits = { depth: 4, items: 100, string: 10_000, total: 50_000 };

/**
 * One line of text for any value, within the limits.
 * @example preview("x".repeat(500)); // '"xxx…" (500 characters)'
 */
export function preview(value: unknown, limits: PreviewLimits = SHORT): string {
  try {
    const text = new Previewer(limits).show(value, 0);
    return text.length > limits.total ? `${text.slice(0, limits.total)}…` : text;
  } catch (error) {
    return `[no preview: ${error instanceof Error ? error.message : typeof error}]`;
  }
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
/** The built-in `size` getters: a Map subclass may override `size`, and its code must not run. */
const mapSize = Object.getOwnPropertyDescriptor(Map.prototype, "size")?.get as () => unknown;
const setSize = Object.getOwnPropertyDescriptor(Set.prototype, "size")?.get as () => unknown;
/** The same for a typed array's `length`, which a subclass may override too. */
const typedArrayLength = Object.getOwnPropertyDescriptor(
  Object.getPrototypeOf(Uint8Array.prototype),
  "length",
)?.get as () => number;

class Previewer {
  readonly #seen = new Set<object>();
  #length = 0;

  constructor(readonly limits: PreviewLimits) {}

  show(value: unknown, depth: number): string {
    if (this.#length > this.limits.total) return "…";
    const text = this.#showAny(value, depth);
    this.#length += text.length;
    return text;
  }

  #showAny(value: unknown, depth: number): string {
    if (typeof value === "string") return this.#showString(value);
    if (typeof value === "bigint") return `${value}n`;
    if (value === UNAVAILABLE) return "<value unavailable>";
    if (typeof value === "symbol") return value.toString();
    if (types.isProxy(value)) return "Proxy";
    if (typeof value === "function") return showFunction(value);
    if (typeof value !== "object" || value === null) return String(value);
    if (this.#seen.has(value)) return "[Circular]";
    const simple = showSimpleObject(value);
    if (simple !== undefined) return simple;
    if (depth >= this.limits.depth) return `[${className(value) ?? "Object"}]`;
    this.#seen.add(value);
    try {
      return this.#showContainer(value, depth + 1);
    } finally {
      this.#seen.delete(value);
    }
  }

  #showString(text: string): string {
    if (text.length <= this.limits.string) return JSON.stringify(text);
    return `${JSON.stringify(text.slice(0, this.limits.string)).slice(0, -1)}…" (${text.length} characters)`;
  }

  #showContainer(value: object, depth: number): string {
    if (types.isMap(value)) {
      const entries = firstOf(Map.prototype.entries.call(value), this.limits.items);
      const shown = entries.map(
        ([key, item]) => `${this.show(key, depth)} => ${this.show(item, depth)}`,
      );
      const size = mapSize.call(value) as number;
      return `Map(${size}) ${this.#braces(shown, size)}`;
    }
    if (types.isSet(value)) {
      const items = firstOf(Set.prototype.values.call(value), this.limits.items);
      const size = setSize.call(value) as number;
      return `Set(${size}) ${this.#braces(
        items.map((item) => this.show(item, depth)),
        size,
      )}`;
    }
    if (Array.isArray(value) || types.isTypedArray(value))
      return this.#showList(value as ArrayLike<unknown>, depth);
    return this.#showObject(value, depth);
  }

  #showList(list: ArrayLike<unknown>, depth: number): string {
    const length = Array.isArray(list) ? list.length : typedArrayLength.call(list);
    const shown: string[] = [];
    for (let i = 0; i < Math.min(length, this.limits.items); i++) {
      shown.push(this.#showProperty(list, String(i), depth));
    }
    const more = length > shown.length ? [`… ${length - shown.length} more`] : [];
    const name = Array.isArray(list) ? "" : `${className(list)}(${length}) `;
    return `${name}[${[...shown, ...more].join(", ")}]`;
  }

  #showObject(value: object, depth: number): string {
    const keys = Object.keys(value);
    const shown = keys.slice(0, this.limits.items).map((key) => {
      const name = IDENTIFIER.test(key) ? key : JSON.stringify(key);
      return `${name}: ${this.#showProperty(value, key, depth)}`;
    });
    const name = className(value);
    const prefix = name === "Object" ? "" : `${name ?? "[Object: null prototype]"} `;
    return `${prefix}${this.#braces(shown, keys.length)}`;
  }

  /** A property read through its descriptor, so that no getter runs. */
  #showProperty(owner: object, key: string, depth: number): string {
    const descriptor = Object.getOwnPropertyDescriptor(owner, key);
    if (descriptor === undefined) return "<empty>";
    if (descriptor.get !== undefined || descriptor.set !== undefined) return "[Getter]";
    return this.show(descriptor.value, depth);
  }

  #braces(shown: string[], total: number): string {
    if (total === 0) return "{}";
    const more = total > shown.length ? [`… ${total - shown.length} more`] : [];
    return `{ ${[...shown, ...more].join(", ")} }`;
  }
}

/** The first `count` items of a built-in iterator, without reading the rest. */
function firstOf<T>(iterator: Iterator<T>, count: number): T[] {
  const items: T[] = [];
  for (let step = iterator.next(); !step.done && items.length < count; step = iterator.next()) {
    items.push(step.value);
  }
  return items;
}

/** Objects shown in one piece, from their internal slots rather than their properties. */
function showSimpleObject(value: object): string | undefined {
  if (types.isDate(value)) {
    const time = Date.prototype.getTime.call(value);
    return Number.isNaN(time) ? "Invalid Date" : Date.prototype.toISOString.call(value);
  }
  if (types.isRegExp(value)) return RegExp.prototype.toString.call(value);
  if (types.isPromise(value)) return "Promise";
  if (types.isNativeError(value)) return showError(value);
  if (types.isBoxedPrimitive(value)) return `[${className(value)}]`;
  return undefined;
}

function showError(error: object): string {
  const { name, message } = errorParts(error);
  return message === "" ? `[${name}]` : `[${name}: ${message}]`;
}

/**
 * An error's name and message, read as data: no getter, `toString` or
 * Proxy trap of the error's runs. A message that is not text is previewed.
 * @example errorParts(new RangeError("too big")); // { name: "RangeError", message: "too big" }
 */
export function errorParts(error: object): { name: string; message: string } {
  const name = dataProperty(error, "name");
  return {
    name: typeof name === "string" ? name : (className(error) ?? "Error"),
    message: messageText(dataProperty(error, "message")),
  };
}

/** A message as it is when it is text; anything else previewed, its toString never called. */
function messageText(message: unknown): string {
  if (message === undefined) return "";
  return typeof message === "string" ? message : preview(message);
}

function showFunction(fn: object): string {
  const name = dataProperty(fn, "name");
  const label = typeof name === "string" && name !== "" ? name : "(anonymous)";
  const source = Function.prototype.toString.call(fn);
  return source.startsWith("class") ? `[class ${label}]` : `[Function ${label}]`;
}

/**
 * A property's value when it is plain data, looked up the prototype chain
 * without running a getter; undefined past a Proxy, whose traps would run.
 * @example dataProperty(new TypeError("bad"), "name"); // "TypeError", from TypeError.prototype
 */
export function dataProperty(value: object, key: string): unknown {
  for (let owner: object | null = value; owner !== null; owner = Object.getPrototypeOf(owner)) {
    if (types.isProxy(owner)) return undefined;
    const descriptor = Object.getOwnPropertyDescriptor(owner, key);
    if (descriptor !== undefined) return "value" in descriptor ? descriptor.value : undefined;
  }
  return undefined;
}

/** The name of the class that made an object, or undefined for an object with no prototype. */
function className(value: object): string | undefined {
  const prototype = Object.getPrototypeOf(value) as object | null;
  if (prototype === null) return undefined;
  const maker = dataProperty(prototype, "constructor");
  const name = typeof maker === "function" ? dataProperty(maker, "name") : undefined;
  return typeof name === "string" && name !== "" ? name : "Object";
}

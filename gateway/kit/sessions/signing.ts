/**
 * Signed values: text a visitor can read but not forge (like the
 * `itsdangerous` signer behind Flask's session, or Werkzeug's old
 * `SecureCookie`).
 *
 * A value is sent as `value.signature`, where the signature is an
 * HMAC-SHA256 of the value under a secret key. Only the server knows the
 * key, so only the server can make a signature that checks; change one
 * character of the value and it no longer does. The cookie's name is signed
 * along with the value, so a value signed for one cookie is worth nothing
 * in another.
 *
 * Keys rotate: the first key in the list signs; every key is tried when
 * checking, so cookies signed before the newest key was added stay valid
 * until the old key is dropped from the list.
 *
 * @example
 * const signer = new Signer([process.env.SESSION_KEY ?? ""]);
 * const cookie = signer.sign("session", "42");   // "42.kP3x..."
 * signer.unsign("session", cookie);              // { value: "42", keyIndex: 0 }
 * signer.unsign("session", "43" + cookie.slice(2)); // undefined
 */
import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * What a signature can be made with: text (UTF-8) or bytes.
 * @example const key: SecretKey = randomBytes(32);
 */
export type SecretKey = string | Uint8Array;

/** 32 bytes, the size of the HMAC-SHA256 output: a shorter key makes guessing easier. */
const MINIMUM_KEY_BYTES = 32;

/**
 * Signs with the first key; checks against every key.
 * @example const signer = new Signer([newestKey, olderKey]);
 */
export class Signer {
  readonly #keys: Uint8Array[];

  constructor(keys: SecretKey[]) {
    this.#keys = checkKeys(keys);
  }

  /** `value.signature`. @example signer.sign("session", id) */
  sign(name: string, value: string): string {
    return `${value}.${this.#signature(this.#keys[0] as Uint8Array, name, value)}`;
  }

  /**
   * The value, if the signature checks under one of the keys, and the index
   * of that key (0 is the newest); `undefined` for anything else.
   * @example const checked = signer.unsign("session", cookie); if (checked) use(checked.value);
   */
  unsign(name: string, signed: string): { value: string; keyIndex: number } | undefined {
    const dot = signed.lastIndexOf(".");
    if (dot === -1) return undefined;
    const value = signed.slice(0, dot);
    const given = Buffer.from(signed.slice(dot + 1));
    const keyIndex = this.#keys.findIndex((key) => {
      const expected = Buffer.from(this.#signature(key, name, value));
      // Compared in constant time: how long a wrong guess takes must not tell how close it was.
      return expected.length === given.length && timingSafeEqual(expected, given);
    });
    return keyIndex === -1 ? undefined : { value, keyIndex };
  }

  /** The cookie's name and value joined as in the header; "=" cannot occur in a name. */
  #signature(key: Uint8Array, name: string, value: string): string {
    return createHmac("sha256", key).update(`${name}=${value}`).digest("base64url");
  }
}

function checkKeys(keys: SecretKey[]): Uint8Array[] {
  if (!Array.isArray(keys) || keys.length === 0) {
    throw new TypeError(
      "sessions need keys: a list of secret keys, the newest first, like keys: [process.env.SESSION_KEY]",
    );
  }
  return keys.map((key, index) => {
    const bytes = typeof key === "string" ? Buffer.from(key, "utf8") : key;
    if (!(bytes instanceof Uint8Array) || bytes.byteLength < MINIMUM_KEY_BYTES) {
      throw new TypeError(
        `session key ${index} is ${bytes instanceof Uint8Array ? `${bytes.byteLength} bytes` : typeof key}: ` +
          `use at least ${MINIMUM_KEY_BYTES} random bytes, for example the output of ` +
          `node -e "console.log(require('node:crypto').randomBytes(32).toString('base64url'))"`,
      );
    }
    return bytes;
  });
}

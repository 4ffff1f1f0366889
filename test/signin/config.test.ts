import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CliError, UsageError } from "../../gateway/cli/cli-error.ts";
import { DEFAULT_DATA_DIR, loadConfig } from "../../solutions/signin/config.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const LONG_KEY = "k".repeat(32);

let base: string;

beforeEach(() => {
  base = mkdtempSync(path.join(tmpdir(), "signin-config-"));
});

afterEach(() => {
  rmSync(base, { recursive: true, force: true });
});

describe("loadConfig", () => {
  it("keeps data in the repository's ignored data/signin folder by default", () => {
    expect(DEFAULT_DATA_DIR).toBe(path.join(repoRoot, "data", "signin"));
    expect(readFileSync(path.join(repoRoot, ".gitignore"), "utf8")).toMatch(/^data\/$/m);
  });

  it("takes the data folder from --data before SIGNIN_DATA, and creates it", () => {
    const flag = path.join(base, "flag");
    const env = path.join(base, "env");
    expect(loadConfig(["--data", flag], { SIGNIN_DATA: env }).dataDir).toBe(flag);
    expect(loadConfig([], { SIGNIN_DATA: env }).dataDir).toBe(env);
    expect(statSync(env).isDirectory()).toBe(true);
  });

  it("listens on 127.0.0.1:8011 unless HOST, PORT, --host or --port say otherwise", () => {
    const data = ["--data", base];
    expect(loadConfig(data, {})).toMatchObject({ host: "127.0.0.1", port: 8011 });
    expect(loadConfig(data, { HOST: "0.0.0.0", PORT: "9000" })).toMatchObject({
      host: "0.0.0.0",
      port: 9000,
    });
    expect(loadConfig([...data, "--host", "::1", "--port", "0"], { PORT: "9000" })).toMatchObject({
      host: "::1",
      port: 0,
    });
  });

  it("makes a session key once, keeps it in the data folder for its owner only, and reuses it", () => {
    const first = loadConfig(["--data", base], {}).sessionKeys;
    const file = path.join(base, "session-key");
    expect(first).toEqual([readFileSync(file, "utf8")]);
    expect(Buffer.byteLength(first[0] ?? "")).toBeGreaterThanOrEqual(32);
    expect(loadConfig(["--data", base], {}).sessionKeys).toEqual(first);
    // Windows has no owner-only mode bits to check: Node reports what the file system allows.
    if (process.platform !== "win32") expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it("takes session keys from SIGNIN_SESSION_KEYS, newest first, and writes no key file", () => {
    const older = "o".repeat(40);
    const config = loadConfig(["--data", base], { SIGNIN_SESSION_KEYS: `${LONG_KEY}, ${older}` });
    expect(config.sessionKeys).toEqual([LONG_KEY, older]);
    expect(() => statSync(path.join(base, "session-key"))).toThrow(/ENOENT/);
  });

  it("refuses a session key shorter than 32 bytes, saying how to make one", () => {
    expect(() =>
      loadConfig(["--data", base], { SIGNIN_SESSION_KEYS: `${LONG_KEY},short` }),
    ).toThrow(/key 2 in SIGNIN_SESSION_KEYS is shorter than 32 bytes\. Make one with/);
  });

  it("refuses a damaged key file, naming it", () => {
    writeFileSync(path.join(base, "session-key"), "short");
    expect(() => loadConfig(["--data", base], {})).toThrow(
      `the session key in ${path.join(base, "session-key")} is shorter than 32 bytes`,
    );
  });

  it("turns Secure cookies on with --secure or SIGNIN_SECURE=1, and leaves them off otherwise", () => {
    const data = ["--data", base];
    expect(loadConfig(data, {}).secure).toBe(false);
    expect(loadConfig([...data, "--secure"], {}).secure).toBe(true);
    expect(loadConfig(data, { SIGNIN_SECURE: "1" }).secure).toBe(true);
    expect(loadConfig(data, { SIGNIN_SECURE: "0" }).secure).toBe(false);
  });

  it("lowers the password hashing cost only when SIGNIN_PASSWORD_COST asks, for tests", () => {
    const data = ["--data", base];
    expect(loadConfig(data, {}).passwordCost).toBeUndefined();
    expect(loadConfig(data, { SIGNIN_PASSWORD_COST: "12" }).passwordCost).toEqual({
      log2N: 12,
      r: 8,
      p: 1,
    });
    for (const wrong of ["0", "18", "fast", "12.5"]) {
      expect(() => loadConfig(data, { SIGNIN_PASSWORD_COST: wrong }), wrong).toThrow(
        /SIGNIN_PASSWORD_COST is log2 of scrypt's N, a whole number from 1 to 17/,
      );
    }
  });

  it("refuses an unknown flag, listing the ones it takes", () => {
    expect(() => loadConfig(["--dta", base], {})).toThrow(UsageError);
    expect(() => loadConfig(["--dta", base], {})).toThrow(/takes --data DIR, --host HOST/);
  });

  it("refuses a port that is not a number", () => {
    expect(() => loadConfig(["--data", base, "--port", "http"], {})).toThrow(UsageError);
  });

  it("says which data folder is unusable and how to choose another", () => {
    const file = path.join(base, "file");
    writeFileSync(file, "");
    expect(() => loadConfig(["--data", file], {})).toThrow(CliError);
    expect(() => loadConfig(["--data", file], {})).toThrow(
      /data folder .*file is a file.*--data DIR or SIGNIN_DATA=DIR/,
    );
  });
});

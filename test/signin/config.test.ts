import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CliError, UsageError } from "../../gateway/cli/cli-error.ts";
import {
  adoptSharedData,
  DEFAULT_DATA_DIR,
  loadConfig,
  TREE,
} from "../../solutions/signin/config.ts";
import { DEFAULT_DATA_DIR as STARTER_DATA_DIR } from "../../starter/signin/config.ts";

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
  it("keeps each copy's data in its own ignored folder, data/signin-solutions and data/signin-starter", () => {
    expect(TREE).toBe("solutions");
    expect(DEFAULT_DATA_DIR).toBe(path.join(repoRoot, "data", "signin-solutions"));
    expect(STARTER_DATA_DIR).toBe(path.join(repoRoot, "data", "signin-starter"));
    expect(readFileSync(path.join(repoRoot, ".gitignore"), "utf8")).toMatch(/^data\/$/m);
  });

  it("gives each copy its own PostgreSQL schema", () => {
    expect(loadConfig(["--data", base], {}).schema).toBe("signin_solutions");
  });

  it("keeps the data in SQLite unless DATABASE_URL or --postgres says otherwise", () => {
    const url = "postgres://app:secret@db.example:5432/workshop";
    const choice = (argv: string[], env: NodeJS.ProcessEnv) =>
      loadConfig(["--data", base, ...argv], env).database;
    expect(choice([], {})).toEqual({ kind: "sqlite" });
    expect(choice(["--postgres"], {})).toEqual({ kind: "embedded" });
    expect(choice([], { DATABASE_URL: url })).toEqual({ kind: "postgres", url });
    expect(choice(["--postgres"], { DATABASE_URL: url })).toEqual({ kind: "postgres", url });
    expect(choice([], { DATABASE_URL: "postgresql://db/w" })).toMatchObject({ kind: "postgres" });
  });

  it("refuses a DATABASE_URL that is not PostgreSQL's, without repeating its password", () => {
    for (const DATABASE_URL of ["mysql://app:secret@db/w", "secret", "sqlite:data.db"]) {
      const load = () => loadConfig(["--data", base], { DATABASE_URL });
      expect(load, DATABASE_URL).toThrow(CliError);
      expect(load, DATABASE_URL).toThrow(/postgres:\/\/USER:PASSWORD@HOST:5432\/DATABASE/);
      expect(load, DATABASE_URL).not.toThrow(/secret/);
    }
  });

  it("takes --workers and --graceful-timeout as gateway serve does", () => {
    const data = ["--data", base];
    expect(loadConfig(data, {})).toMatchObject({ workers: undefined });
    expect(loadConfig([...data, "--workers", "2", "--graceful-timeout", "3"], {})).toMatchObject({
      workers: 2,
      gracefulTimeout: 3000,
    });
    expect(() => loadConfig([...data, "--workers", "0"], {})).toThrow(/--workers must be/);
  });

  it("copies the data both copies shared in data/signin, once, into a copy's new folder", () => {
    const shared = path.join(base, "signin");
    const own = path.join(base, "signin-starter");
    mkdirSync(shared);
    writeFileSync(path.join(shared, "signin.db"), "the accounts");
    writeFileSync(path.join(shared, "session-key"), LONG_KEY);
    expect(adoptSharedData(shared, own)).toBe(true);
    expect(readFileSync(path.join(own, "signin.db"), "utf8")).toBe("the accounts");
    expect(readFileSync(path.join(own, "session-key"), "utf8")).toBe(LONG_KEY);
    expect(readFileSync(path.join(shared, "signin.db"), "utf8")).toBe("the accounts");
    writeFileSync(path.join(own, "signin.db"), "changed since");
    expect(adoptSharedData(shared, own)).toBe(false);
    expect(readFileSync(path.join(own, "signin.db"), "utf8")).toBe("changed since");
    expect(adoptSharedData(path.join(base, "nothing"), path.join(base, "fresh"))).toBe(false);
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

  it("believes X-Forwarded-For only from the proxies --trust-proxy or SIGNIN_TRUST_PROXY names", () => {
    const data = ["--data", base];
    expect(loadConfig(data, {}).trustedProxies).toBeUndefined();
    const named = loadConfig([...data, "--trust-proxy", "127.0.0.1, ::1"], {});
    expect(named.trustedProxies).toEqual(["127.0.0.1", "::1"]);
    const fromEnv = loadConfig(data, { SIGNIN_TRUST_PROXY: "10.0.0.0/8" });
    expect(fromEnv.trustedProxies).toEqual(["10.0.0.0/8"]);
    const twice = loadConfig([...data, "--trust-proxy", "127.0.0.1", "--trust-proxy", "::1"], {});
    expect(twice.trustedProxies).toEqual(["127.0.0.1", "::1"]);
    const refused = (entry: string) =>
      `--trust-proxy: ${JSON.stringify(entry)} is not an address or a network of proxies: name your ` +
      "proxies split by commas, like --trust-proxy 127.0.0.1,::1 or 10.0.0.0/8.";
    for (const [list, entry] of [
      ["127.0.0.1,localhost", "localhost"],
      ["127.0.0.1,", ""],
      ["", ""],
      ["::/0", "::/0"],
    ]) {
      expect(() => loadConfig([...data, "--trust-proxy", list as string], {}), list).toThrow(
        refused(entry as string),
      );
    }
    expect(() => loadConfig(data, { SIGNIN_TRUST_PROXY: "localhost" })).toThrow(
      refused("localhost"),
    );
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

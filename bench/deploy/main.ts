/**
 * `npm run bench:deploy`: the sign-in app behind nginx, from 1 and from 2
 * workers, on SQLite and on PostgreSQL: what workers give, and what a
 * database server costs (lesson 13, "The numbers").
 *
 * Four setups run side by side, each the reference app (`npm run signin --
 * --solution --workers N`, the password hash's cost lowered to 2^4 as in
 * the tests) behind its own private nginx (lessons/13-many-workers/nginx/);
 * the two PostgreSQL setups share one private cluster (test/support/
 * postgres-cluster.ts). Two pages are measured: the home page (`GET /`,
 * which reads the session) and a sign-in (the form, `GET /signin`, then its
 * `POST`, which checks the password and writes a new session). The load is
 * `--connections` visitors, each one request at a time on a new connection
 * from its own loopback address (test/support/signin-load.ts; the app, run
 * with `--trust-proxy 127.0.0.1`, reads it from nginx's `X-Forwarded-For`),
 * in this process, on the same cores.
 *
 * Rounds alternate the setups (and rotate their order), so that a change in
 * the machine's load falls on all of them alike; the table gives medians,
 * each setup's ratio to 1 worker on SQLite, and the CPU time per request of
 * the app's processes, nginx and PostgreSQL (Linux's /proc).
 *
 * It needs nginx and PostgreSQL's server programs (Linux).
 *
 * @example
 * // npm run bench:deploy -- --rounds 3 --seconds 5 --connections 20
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { PrivateServer } from "../../lessons/02-cgi-hello-world/apache/private-server.ts";
import { findNginx, NGINX_MISSING } from "../../lessons/12-deployment/nginx/find-nginx.ts";
import { startHttpProxy } from "../../lessons/13-many-workers/nginx/private-nginx.ts";
import { type ServerProcess, startServer } from "../../test/signin/server-process.ts";
import { freePort } from "../../test/support/free-port.ts";
import {
  POSTGRES_MISSING,
  serverPrograms,
  startPostgresCluster,
} from "../../test/support/postgres-cluster.ts";
import { type LoadMix, startSigninLoad } from "../../test/support/signin-load.ts";
import { median } from "../report.ts";
import { treeCpuMs } from "./process-cpu.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

interface Setup {
  name: string;
  database: "sqlite" | "postgres";
  workers: number;
  server: ServerProcess;
  nginx: PrivateServer;
  url: string;
  users: string[];
  dataDir: string;
}

interface Sample {
  perSecond: number;
  appMs: number;
  nginxMs: number;
  postgresMs: number;
  /** This process's: the load generator's own cost, on the same cores. */
  loadMs: number;
  errors: number;
}

const PAGES: ReadonlyArray<{ name: string; mix: LoadMix; counts: number }> = [
  { name: "GET /", mix: "home", counts: 200 },
  { name: "sign-in", mix: "signin", counts: 303 },
];

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "3" },
    seconds: { type: "string", default: "5" },
    connections: { type: "string", default: "20" },
  },
});
const rounds = Number(values.rounds);
const seconds = Number(values.seconds);
const connections = Number(values.connections);

const nginx = findNginx();
if (nginx === undefined) {
  console.error(`npm run bench:deploy: ${NGINX_MISSING}`);
  process.exit(1);
}
if (serverPrograms() === undefined) {
  console.error(`npm run bench:deploy: ${POSTGRES_MISSING}.`);
  process.exit(1);
}

printHeader();
const cluster = await startPostgresCluster();
const setups: Setup[] = [];
try {
  for (const database of ["sqlite", "postgres"] as const) {
    for (const workers of [1, 2]) setups.push(await startSetup(database, workers, nginx.bin));
  }
  const samples = new Map<string, Sample[]>();
  let run = 0;
  for (let round = 0; round < rounds; round++) {
    // Rotate the order each round, so that no setup always runs first or last.
    const order = [
      ...setups.slice(round % setups.length),
      ...setups.slice(0, round % setups.length),
    ];
    for (const setup of order) {
      for (const page of PAGES) {
        const sample = await measure(setup, page, (run++ % 6) + 1);
        const key = `${setup.name}|${page.name}`;
        samples.set(key, [...(samples.get(key) ?? []), sample]);
        console.log(
          `round ${round + 1}  ${setup.name.padEnd(19)} ${page.name.padEnd(8)} ${Math.round(
            sample.perSecond,
          )
            .toLocaleString("en")
            .padStart(6)}/s  errors ${sample.errors}`,
        );
      }
    }
  }
  printTable(samples);
} finally {
  for (const setup of setups) {
    await setup.nginx.stop();
    await setup.server.stop();
    rmSync(setup.dataDir, { recursive: true, force: true });
  }
  await cluster.destroy();
}

function printHeader(): void {
  const cpus = os.cpus();
  console.log("The sign-in app behind nginx: 1 and 2 workers, SQLite and PostgreSQL, on 127.0.0.1");
  console.log(
    `machine:   ${cpus.length} cores (${cpus[0]?.model.trim() ?? "unknown"}), ${os.platform()} ${os.release()}`,
  );
  console.log(`node:      ${process.version}`);
  console.log(`load:      ${connections} visitors, a new connection per request, in this process`);
  console.log(`plan:      ${rounds} rounds x 4 setups x 2 pages x ${seconds}s, alternating`);
  console.log(
    `load avg:  ${os
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(" ")} (before)`,
  );
}

async function startSetup(
  database: "sqlite" | "postgres",
  workers: number,
  nginxBin: string,
): Promise<Setup> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "bench-deploy-"));
  const env: Record<string, string> = { SIGNIN_PASSWORD_COST: "4" };
  if (database === "postgres") env.DATABASE_URL = cluster.url;
  const server = await startServer(dataDir, env, {
    program: path.join(root, "workshop", "signin.ts"),
    args: ["--solution", "--workers", String(workers), "--trust-proxy", "127.0.0.1"],
  });
  const port = await freePort();
  const proxy = await startHttpProxy(nginxBin, {
    port,
    workers: new URL(server.url).host,
  });
  const url = `http://127.0.0.1:${port}/`;
  const name = `${workers} worker${workers === 1 ? "" : "s"}, ${database}`;
  const users = await signUpUsers(url);
  return { name, database, workers, server, nginx: proxy, url, users, dataDir };
}

/** Signs up the users the sign-in runs use: 5 failed tries lock a name, so each has a good password. */
async function signUpUsers(url: string): Promise<string[]> {
  const load = startSigninLoad(url, { connections, run: 7 });
  await load.answered(303, 200);
  return (await load.stop()).signedUp;
}

async function measure(setup: Setup, page: (typeof PAGES)[number], run: number): Promise<Sample> {
  const app = [setup.server.child.pid as number];
  const nginxPid = [Number(readFileSync(path.join(setup.nginx.runDir, "nginx.pid"), "utf8"))];
  const postgres = [
    Number(
      readFileSync(path.join(cluster.folder, "data", "postmaster.pid"), "utf8").split("\n")[0],
    ),
  ];
  const before = { app: treeCpuMs(app), nginx: treeCpuMs(nginxPid), postgres: treeCpuMs(postgres) };
  const ownBefore = process.cpuUsage();
  const load = startSigninLoad(setup.url, { connections, mix: page.mix, users: setup.users, run });
  const startedAt = performance.now();
  await sleep(seconds * 1000);
  const result = await load.stop();
  const elapsed = (performance.now() - startedAt) / 1000;
  const own = process.cpuUsage(ownBefore);
  const answered = result.statuses.get(page.counts) ?? 0;
  const requests = [...result.statuses.values()].reduce((a, b) => a + b, 0) || 1;
  const errors =
    result.failed +
    [...result.statuses]
      .filter(([status]) => status !== 200 && status !== 303)
      .reduce((n, [, c]) => n + c, 0);
  return {
    perSecond: answered / elapsed,
    appMs: (treeCpuMs(app) - before.app) / requests,
    nginxMs: (treeCpuMs(nginxPid) - before.nginx) / requests,
    postgresMs:
      setup.database === "postgres" ? (treeCpuMs(postgres) - before.postgres) / requests : 0,
    loadMs: (own.user + own.system) / 1000 / requests,
    errors,
  };
}

function printTable(samples: Map<string, Sample[]>): void {
  console.log("");
  console.log(
    "setup                page      median/s  x 1w sqlite  CPU ms/request: app  nginx  postgres  load  errors",
  );
  console.log(
    "-------------------  --------  --------  -----------  -------------------  -----  --------  ----  ------",
  );
  for (const page of PAGES) {
    const base = median(
      (samples.get(`1 worker, sqlite|${page.name}`) ?? []).map((s) => s.perSecond),
    );
    for (const setup of setups) {
      const runs = samples.get(`${setup.name}|${page.name}`) ?? [];
      const perSecond = median(runs.map((s) => s.perSecond));
      const cell = (pick: (s: Sample) => number) => median(runs.map(pick)).toFixed(2);
      console.log(
        [
          setup.name.padEnd(19),
          page.name.padEnd(8),
          Math.round(perSecond).toLocaleString("en").padStart(8),
          `${(perSecond / base).toFixed(2)}x`.padStart(11),
          cell((s) => s.appMs).padStart(19),
          cell((s) => s.nginxMs).padStart(5),
          cell((s) => s.postgresMs).padStart(8),
          cell((s) => s.loadMs).padStart(4),
          String(runs.reduce((n, s) => n + s.errors, 0)).padStart(6),
        ].join("  "),
      );
    }
  }
  console.log("");
  console.log(
    `load avg:  ${os
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(" ")} (after)`,
  );
  console.log(
    "A sign-in is two requests (the form, then the POST): its rate counts whole sign-ins,",
  );
  console.log(
    "its CPU is per request. The PostgreSQL setups share one cluster; its CPU is counted",
  );
  console.log("only while a PostgreSQL setup runs. load: the visitors' own CPU, in this process.");
}

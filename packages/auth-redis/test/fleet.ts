// Test-only: a fleet of N real child processes (test/fleet_child.mjs), each with its own
// token source and Redis client, driven over IPC.
import { type ChildProcess, fork } from "node:child_process";
import { existsSync } from "node:fs";

export interface Member {
  readonly child: ChildProcess;
  /** Everything it printed (stdout and stderr), for the leak scan. */
  readonly output: string[];
  ask<T = Record<string, unknown>>(msg: Record<string, unknown>): Promise<T>;
}

const CHILD = new URL("./fleet_child.mjs", import.meta.url);

export async function startFleet(
  n: number,
  init: (i: number) => Record<string, unknown>,
  onLease?: (i: number) => void,
): Promise<Member[]> {
  if (!existsSync(new URL("../dist/mod.js", import.meta.url))) {
    throw new Error("packages/auth-redis/dist is missing: run `pnpm build` first (`pnpm test` builds before testing).");
  }
  return Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const child = fork(CHILD, [], { stdio: ["ignore", "pipe", "pipe", "ipc"] });
      const output: string[] = [];
      child.stdout?.on("data", (d) => output.push(String(d)));
      child.stderr?.on("data", (d) => output.push(String(d)));
      let next = 0;
      const pending = new Map<number, { resolve: (v: never) => void; reject: (e: Error) => void }>();
      const ready = new Promise<void>((resolve, reject) => {
        child.once("exit", (code) => reject(new Error(`fleet member ${i} exited (${code}): ${output.join("")}`)));
        child.on("message", (msg: { ready?: boolean; id?: number; result?: never; error?: string; event?: string }) => {
          if (msg.ready) resolve();
          if (msg.event === "lease.acquired") onLease?.(i);
          if (msg.id === undefined) return;
          const waiter = pending.get(msg.id);
          pending.delete(msg.id);
          if (msg.error !== undefined) waiter?.reject(new Error(`fleet member ${i}: ${msg.error}`));
          else waiter?.resolve(msg.result as never);
        });
      });
      await ready;
      const member: Member = {
        child,
        output,
        ask: (msg) =>
          new Promise((resolve, reject) => {
            const id = next++;
            pending.set(id, { resolve: resolve as (v: never) => void, reject });
            child.send({ ...msg, id });
          }),
      };
      await member.ask({ cmd: "init", ...init(i) });
      return member;
    }),
  );
}

export async function stopFleet(members: readonly Member[]): Promise<void> {
  await Promise.all(
    members.map(async (m) => {
      if (m.child.exitCode !== null || m.child.signalCode !== null) return;
      const exited = new Promise((resolve) => m.child.once("exit", resolve));
      await m.ask({ cmd: "exit" }).catch(() => undefined);
      await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
      m.child.kill("SIGKILL");
    }),
  );
}

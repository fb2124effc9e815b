/**
 * Who holds a run: `host:pid:token`. A lease whose holder is a process on this host that no
 * longer exists can be taken over at once instead of waiting for it to expire (the usual case
 * after a crash or a kill -9 on a one-machine install). This assumes that two machines sharing
 * a PostgreSQL store have different host names, as containers and pods do by default.
 */
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";

/** A fresh holder name for a run started by this process. */
export function newHolder(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/** True when the holder was a process of this host that has exited. */
export function holderIsGone(holder: string): boolean {
  const [host, pidText] = holder.split(":");
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

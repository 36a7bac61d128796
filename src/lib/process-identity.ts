// How a process names itself in rows other processes read (the upstream turn it holds, the harvest
// it runs), and how a process on the same machine tells that such a holder is gone, so a crash or a
// Ctrl-C does not leave others waiting for a lease to lapse. Across machines nobody can tell: there,
// the lease or hold simply runs out.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/** `host:pid:nonce`; the nonce tells apart two holders in one process, and a pid the system reused. */
export function newHolderId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

/**
 * True when `holder` names a process on this machine that no longer runs. False when it runs, when it
 * is this process, when it ran on another machine (or in another container with its own hostname),
 * and for names that are not holder ids.
 */
export function isGoneLocalHolder(holder: string): boolean {
  const [host, pid] = holder.split(':');
  if (host !== hostname() || pid === undefined || !/^\d+$/.test(pid)) return false;
  if (Number(pid) === process.pid) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (err) {
    // EPERM: it runs, as another user.
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

import { readdirSync, readFileSync } from 'node:fs';

// USER_HZ: the unit of utime and stime in /proc/<pid>/stat, 100 on every Linux this runs on.
const TICKS_PER_SECOND = 100;

const postgresTicks = (): number | null => {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  let ticks = 0;
  let found = false;
  for (const pid of pids) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // exited between the listing and the read
    }
    const nameEnd = stat.lastIndexOf(')');
    if (!stat.slice(stat.indexOf('(') + 1, nameEnd).startsWith('postgres')) continue;
    // Fields after the name: state is the 1st, utime the 12th and stime the 13th.
    const fields = stat.slice(nameEnd + 2).split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
    found = true;
  }
  return found ? ticks : null;
};

export type PostgresCpu = {
  /** CPU milliseconds all local PostgreSQL processes used since the start, or null when not measurable. */
  stop(): number | null;
};

/**
 * CPU time of the PostgreSQL server when it runs on this machine (Linux /proc): backends, WAL
 * writer and checkpointer together, so a change can be judged by what the database spends per
 * unit of work, which throughput on a shared 2-core machine hides. A backend that exits during
 * the measurement takes its time with it: measure while the pool is open. Anything else using
 * the same PostgreSQL at the time is counted too.
 */
export const startPostgresCpu = (): PostgresCpu => {
  const before = postgresTicks();
  return {
    stop: () => {
      const after = postgresTicks();
      return before === null || after === null ? null : ((after - before) * 1000) / TICKS_PER_SECOND;
    },
  };
};

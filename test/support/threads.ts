import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** Whether this system names each thread's scheduling state in /proc (Linux). */
export const threadsVisible = existsSync('/proc/thread-self');

/** Threads of this process running at `niceness` (the 19th field of a task's stat). */
export function threadsAtNiceness(niceness: number): number {
  return readdirSync('/proc/self/task').filter((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16] === String(niceness);
  }).length;
}

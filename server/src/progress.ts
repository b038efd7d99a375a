/**
 * Long operations running in this process (re-judging every parcel, large imports) and how far they got.
 * Kept in memory, not in the database: the embedded engine's single connection is busy inside the very
 * transaction being reported on, and a progress bar only needs the process doing the work.
 */
export interface ProgressEntry {
  id: number;
  kind: string;
  label: { id: string; en: string };
  done: number;
  total: number | null;
  started_at: string;
}

export class ProgressRegistry {
  private nextId = 1;
  private readonly running = new Map<number, ProgressEntry>();

  start(kind: string, label: ProgressEntry['label'], total: number | null) {
    const entry: ProgressEntry = {
      id: this.nextId++,
      kind,
      label,
      done: 0,
      total,
      started_at: new Date().toISOString(),
    };
    this.running.set(entry.id, entry);
    return {
      advance: (done: number) => {
        entry.done = done;
      },
      finish: () => {
        this.running.delete(entry.id);
      },
    };
  }

  list(): ProgressEntry[] {
    return [...this.running.values()].map((entry) => ({ ...entry }));
  }
}

import type { LocalDatabase } from './index';

/** A document as a seed writes it: plain JavaScript, Dates allowed, `_id` optional. */
export type SeedDocument = Record<string, unknown>;

/**
 * A named dataset: given the instant it is loaded at (the dev clock), the documents of each
 * collection, so that validity periods can be dated from it.
 */
export type SeedDataset = (now: Date) => Record<string, SeedDocument[]>;

/** The dataset every local cloud knows: nothing at all. */
export const EMPTY_SEED = 'empty';

export interface Seeds {
  /** The project's datasets in the order given, then 'empty'. */
  readonly names: readonly string[];
  has(name: unknown): name is string;
  /** Wipes everything and loads the named dataset, dated from `now`; answers how many documents went into each collection. */
  load(db: LocalDatabase, name: string, now: Date): Record<string, number>;
  /** The names for an error message: `"demo" or "empty"` (or unquoted, with quote ''). */
  describe(quote?: string): string;
}

/** The datasets a project gives the local cloud (name → dataset), plus 'empty'. */
export function createSeeds(datasets: Record<string, SeedDataset> = {}): Seeds {
  if (Object.hasOwn(datasets, EMPTY_SEED)) throw new Error(`"${EMPTY_SEED}" is the local cloud's own dataset (no documents); give yours another name`);
  const names = [...Object.keys(datasets), EMPTY_SEED];
  const has = (name: unknown): name is string => typeof name === 'string' && names.includes(name);
  return {
    names,
    has,
    load(db, name, now) {
      if (!has(name)) throw new Error(`no dataset named ${name}: ${describe()}`);
      db.reset();
      const loaded: Record<string, number> = {};
      if (name === EMPTY_SEED) return loaded;
      for (const [collection, docs] of Object.entries(datasets[name](now))) {
        db.insertMany(collection, docs);
        loaded[collection] = docs.length;
      }
      return loaded;
    },
    describe,
  };

  function describe(quote = '"'): string {
    const quoted = names.map((n) => `${quote}${n}${quote}`);
    return quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
  }
}

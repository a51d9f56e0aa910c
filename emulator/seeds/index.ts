import type { LocalDatabase } from '../db';
import { demoDataset } from './demo';

export type SeedName = 'demo' | 'empty';
export const SEED_NAMES: readonly SeedName[] = ['demo', 'empty'];

export function isSeedName(value: unknown): value is SeedName {
  return typeof value === 'string' && (SEED_NAMES as readonly string[]).includes(value);
}

/** Wipes everything and loads the named dataset, dated from `now` so that validity periods make sense. */
export function loadSeed(db: LocalDatabase, name: SeedName, now: Date): Record<string, number> {
  db.reset();
  const loaded: Record<string, number> = {};
  if (name === 'empty') return loaded;
  for (const [collection, docs] of Object.entries(demoDataset(now))) {
    db.insertMany(collection, docs);
    loaded[collection] = docs.length;
  }
  return loaded;
}

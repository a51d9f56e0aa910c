import { DEFAULT_SEGMENT_RULES, type SegmentRules } from '@core/segment';
import { COLLECTIONS, rowsOf } from '../platform/collections';
import type { Database } from '../platform/handler';

/** The operators' rule sets, one document each in `settings` (admin.upsert of `segmentRules`, `referralRule`). */
export const SETTINGS = { segmentRules: 'segmentRules', referralRule: 'referralRule' } as const;

/** The segment thresholds in force: the operators' numbers over the defaults. */
export async function loadSegmentRules(db: Database): Promise<SegmentRules> {
  const [stored] = rowsOf<Partial<SegmentRules>>(await db.collection(COLLECTIONS.settings).where({ _id: SETTINGS.segmentRules }).limit(1).get());
  if (!stored) return DEFAULT_SEGMENT_RULES;
  const pick = <K extends keyof SegmentRules>(key: K): SegmentRules[K] => ({ ...DEFAULT_SEGMENT_RULES[key] as object, ...(stored[key] as object | undefined) }) as SegmentRules[K];
  return {
    windowDays: stored.windowDays ?? DEFAULT_SEGMENT_RULES.windowDays,
    xWeights: pick('xWeights'),
    S1: pick('S1'),
    S2: pick('S2'),
    S3: pick('S3'),
    S5: pick('S5'),
    S6: pick('S6'),
  };
}

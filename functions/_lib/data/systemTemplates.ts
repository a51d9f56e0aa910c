import { COLLECTIONS, isDuplicateKey } from '../platform/collections';
import type { CouponTemplateRecord } from '../workflows/couponIssue';
import type { Database } from '../platform/handler';

/**
 * Coupons the system issues with a value of its own (the 开卡保本 refund) still go through the one
 * issuance path, which counts every issue on a template document: make sure it exists.
 */
export async function ensureSystemTemplate(db: Database, template: CouponTemplateRecord): Promise<void> {
  try {
    await db.collection(COLLECTIONS.couponTemplates).add({ data: { ...template, issued: 0, system: true } });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
}

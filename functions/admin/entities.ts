import { entitySchemas, LIST_PAGE_SIZE, type EntityName } from '@contract/admin';
import { validationMessage } from '@contract/messages';
import type { Campaign } from '@core/campaign';
import { COLLECTIONS, docOf, rowsOf } from '@lib/platform/collections';
import { DomainError } from '@lib/platform/errors';
import type { CallContext } from '@lib/platform/handler';
import { withTransaction, type Transaction } from '@lib/platform/transaction';
import { SETTINGS } from '@lib/data/settings';
import { auditInTx } from './audit';
import { checkCampaign } from './campaigns';

/** Where each entity lives and which field is its id (or, for a rule set, its one fixed id). */
const ENTITIES: Record<EntityName, { collection: string; key: string } | { collection: string; fixedId: string }> = {
  store: { collection: COLLECTIONS.stores, key: 'storeId' },
  staff: { collection: COLLECTIONS.staff, key: 'openid' },
  product: { collection: COLLECTIONS.products, key: 'skuId' },
  priceList: { collection: COLLECTIONS.priceLists, key: 'priceListId' },
  couponTemplate: { collection: COLLECTIONS.couponTemplates, key: 'templateId' },
  liveSession: { collection: COLLECTIONS.liveSessions, key: 'sessionId' },
  plan: { collection: COLLECTIONS.plans, key: 'plan' },
  tierBenefit: { collection: COLLECTIONS.tierBenefits, key: 'tier' },
  segmentRules: { collection: COLLECTIONS.settings, fixedId: SETTINGS.segmentRules },
  referralRule: { collection: COLLECTIONS.settings, fixedId: SETTINGS.referralRule },
  campaign: { collection: COLLECTIONS.campaigns, key: 'campaignId' },
  banner: { collection: COLLECTIONS.banners, key: 'bannerId' },
};

/** Instants the queries compare as time: stored as dates, answered as ISO strings. */
const INSTANTS: Partial<Record<EntityName, string[]>> = { liveSession: ['startAt', 'endAt'], campaign: ['startAt'] };

/**
 * What the functions keep beside the operator's fields: a template's issued count and the marks of
 * issues in flight belong to the issuance path (an edit can never hand its stock out again); a
 * campaign's pause belongs to pause/runCampaign.
 */
const KEPT: Partial<Record<EntityName, string[]>> = { couponTemplate: ['issued', 'marks'], campaign: ['paused'] };
/** Their values on a new document: the guarded updates on a template compare `issued`, so it starts at 0. */
const FRESH: Partial<Record<EntityName, Record<string, unknown>>> = { couponTemplate: { issued: 0, marks: [] }, campaign: { paused: false } };

function stored(entity: EntityName, doc: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...doc };
  for (const field of INSTANTS[entity] ?? []) out[field] = new Date(String(doc[field]));
  // A store's location as GeoJSON too, for the nearest-store query's 2dsphere index.
  if (entity === 'store' && doc.location) {
    const { lat, lng } = doc.location as { lat: number; lng: number };
    out.geo = { type: 'Point', coordinates: [lng, lat] };
  }
  return out;
}

/** Kept by the platform, never by the operator. */
const INTERNAL = ['_id', 'geo', 'updatedAt', 'updatedBy', 'marks'];

/**
 * The document as the operator wrote it (what `list` answers and a form edits), with the facts the
 * functions keep beside it (a template's `issued`, a campaign's `paused`) to read, not to send back.
 */
function asWritten(entity: EntityName, doc: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...doc };
  for (const field of INTERNAL) delete out[field];
  for (const field of INSTANTS[entity] ?? []) if (out[field] instanceof Date) out[field] = (out[field] as Date).toISOString();
  return out;
}

/**
 * Creates or replaces one document, checked against its entity's schema (the Chinese message names
 * the field), in one transaction with its audit record (before and after): an edit waits for an issue
 * in flight on the same template, and a change is never left unrecorded.
 */
export async function upsertEntity(ctx: CallContext, entity: EntityName, doc: Record<string, unknown>): Promise<{ id: string }> {
  const parsed = entitySchemas[entity].safeParse(doc, { reportInput: true });
  if (!parsed.success) throw new DomainError('INVALID_ARGUMENT', validationMessage(parsed.error.issues), { field: parsed.error.issues[0]?.path.join('.') });
  const data = parsed.data as Record<string, unknown>;
  const where = ENTITIES[entity];
  const id = 'fixedId' in where ? where.fixedId : String(data[where.key]);
  if (entity === 'campaign') await checkCampaign(ctx, data as unknown as Campaign);
  await withTransaction(ctx.db, async (tx: Transaction) => {
    let before: Record<string, unknown> | null = null;
    try {
      before = docOf<Record<string, unknown>>(await tx.collection(where.collection).doc(id).get());
    } catch {
      // A new document.
    }
    const kept = Object.fromEntries((KEPT[entity] ?? []).filter((f) => before && before[f] !== undefined).map((f) => [f, before![f]]));
    const next = { ...stored(entity, data), ...FRESH[entity], ...kept, updatedAt: ctx.now, updatedBy: ctx.openid };
    await tx.collection(where.collection).doc(id).set({ data: next });
    await auditInTx(tx, ctx, { action: 'upsert', entity, id, before: before && asWritten(entity, before), after: asWritten(entity, data) });
  });
  return { id };
}

/** An entity's documents by id, a page at a time, as written (for the console's lists and forms). */
export async function listEntity(ctx: CallContext, entity: EntityName, cursor: string | null | undefined): Promise<{ items: Array<Record<string, unknown>>; cursor: string | null }> {
  const { db } = ctx;
  const where = ENTITIES[entity];
  if ('fixedId' in where) {
    // A rule set is one document: the list is it, or nothing while the defaults apply.
    const [doc] = rowsOf<Record<string, unknown>>(await db.collection(where.collection).where({ _id: where.fixedId }).limit(1).get());
    return { items: doc ? [asWritten(entity, doc)] : [], cursor: null };
  }
  const rows = rowsOf<Record<string, unknown> & { _id: string }>(
    await db
      .collection(where.collection)
      .where(cursor ? { _id: db.command.gt(cursor) } : {})
      .orderBy('_id', 'asc')
      .limit(LIST_PAGE_SIZE + 1)
      .get(),
  );
  const page = rows.slice(0, LIST_PAGE_SIZE);
  return { items: page.map((row) => asWritten(entity, row)), cursor: rows.length > LIST_PAGE_SIZE ? page[page.length - 1]._id : null };
}

import type { EntityName } from '@contract/admin';
import { callCloud } from '@/services/cloud';
import { docId } from './entities';

type Doc = Record<string, unknown>;

/** An entity's page of documents (50 a page by id). */
export function listPage(entity: EntityName, cursor: string | null): Promise<{ items: Doc[]; cursor: string | null }> {
  return callCloud('admin', { action: 'list', entity, ...(cursor ? { cursor } : {}) });
}

/**
 * Throws the server's FORBIDDEN unless the caller is an admin: a store manager may read products and
 * stores (for their shelf), so those pages ask this too before they offer a form or a switch.
 */
export async function assertAdmin(): Promise<void> {
  await listPage('referralRule', null);
}

/** Every document of an entity (for pickers: stores, products, coupon templates). */
export async function listAll(entity: EntityName): Promise<Doc[]> {
  const all: Doc[] = [];
  let cursor: string | null = null;
  do {
    const page = await listPage(entity, cursor);
    all.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return all;
}

/**
 * One document by its id, as written (null when there is none). `admin.list` has no lookup by id:
 * the pages are read in id order until it turns up, which is one page for most entities.
 */
export async function findDoc(entity: EntityName, id: string | null): Promise<Doc | null> {
  let cursor: string | null = null;
  do {
    const page = await listPage(entity, cursor);
    const found = id === null ? page.items[0] : page.items.find((d) => docId(entity, d) === id);
    if (found) return found;
    cursor = page.cursor;
  } while (cursor);
  return null;
}

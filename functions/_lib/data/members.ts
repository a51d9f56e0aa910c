import { newMember, type Member } from '@core/member';
import { COLLECTIONS, docOf, isDuplicateKey, rowsOf } from '../platform/collections';
import type { CallContext } from '../platform/handler';

/** Loads the caller's member record, creating it on the first call (safe when two first calls race). */
export async function loadOrCreateMember({ db, openid, now }: Pick<CallContext, 'db' | 'openid' | 'now'>): Promise<Member> {
  const members = db.collection(COLLECTIONS.members);
  const [found] = rowsOf<Member>(await members.where({ _id: openid }).limit(1).get());
  if (found) return found;
  const fresh = newMember(openid, now);
  try {
    await members.add({ data: fresh });
    return fresh;
  } catch (err) {
    // Another invocation created it between our read and our insert: theirs is the record.
    if (!isDuplicateKey(err)) throw err;
    return docOf<Member>(await members.doc(openid).get());
  }
}

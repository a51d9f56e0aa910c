import { memberContract } from '../../contract/member';
import { memberProfile, newMember, type Member } from '../../core/member';
import { COLLECTIONS, docOf, isDuplicateKey, rowsOf } from '../_lib/collections';
import { defineFunction, type CallContext } from '../_lib/handler';

/** Loads the caller's member record, creating it on the first call (safe when two first calls race). */
async function loadOrCreateMember({ db, openid, now }: CallContext): Promise<Member> {
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

export const main = defineFunction(memberContract, {
  async profile(_request, ctx) {
    const member = await loadOrCreateMember(ctx);
    return memberProfile(member, ctx.now);
  },
});

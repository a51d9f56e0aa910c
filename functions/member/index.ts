import { memberContract } from '../../contract/member';
import { memberProfile } from '../../core/member';
import { defineFunction } from '../_lib/handler';
import { loadOrCreateMember } from '../_lib/members';

export const main = defineFunction(memberContract, {
  async profile(_request, ctx) {
    return memberProfile(await loadOrCreateMember(ctx), ctx.now);
  },
});

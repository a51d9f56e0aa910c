import { memberContract } from '@contract/member';
import { defineFunction } from '@lib/platform/handler';
import { setBirthday } from './birthday';
import { memberCode } from './code';
import { bindPhone, ownProfile, setProfile } from './profile';
import { joinGroup } from './groups';
import { ledgerPage } from './ledger';
import { bindInviter, createShare, invites, openShare } from './sharing';
import { subscribe } from './subscribe';

export const main = defineFunction(memberContract, {
  async profile(_request, ctx) {
    return ownProfile(ctx);
  },

  async setBirthday({ birthday }, ctx) {
    return setBirthday(birthday, ctx);
  },

  async joinGroup({ cloudID }, ctx) {
    return joinGroup(cloudID, ctx);
  },

  async ledger({ kind, cursor }, ctx) {
    return ledgerPage(kind, cursor, ctx);
  },

  async share({ kind, targetId }, ctx) {
    return createShare(kind, targetId, ctx);
  },

  async openShare({ shareId }, ctx) {
    return openShare(shareId, ctx);
  },

  async bindInviter({ inviteCode }, ctx) {
    return bindInviter(inviteCode, ctx);
  },

  async invites(_request, ctx) {
    return invites(ctx);
  },

  async subscribe({ results }, ctx) {
    return subscribe(results, ctx);
  },

  async code(_request, ctx) {
    return memberCode(ctx);
  },

  async setProfile({ nickName, avatarFileId }, ctx) {
    return setProfile({ nickName, avatarFileId }, ctx);
  },

  async bindPhone({ cloudID }, ctx) {
    return bindPhone(cloudID, ctx);
  },
});

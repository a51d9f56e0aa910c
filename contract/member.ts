import { z } from 'zod';
import type { MemberProfile } from '../core/member';
import { defineContract } from './define';

export type { MemberProfile };

export const memberRequest = z.discriminatedUnion('action', [
  /** Creates the member on first call. */
  z.object({ action: z.literal('profile') }).strict(),
]);

export interface MemberResponses {
  profile: MemberProfile;
}

export const memberContract = defineContract<MemberResponses>()('member', memberRequest);

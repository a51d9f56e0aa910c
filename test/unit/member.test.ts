import { test } from '@jest/globals';
import assert from '@test/support/assert';
import { memberProfile, newMember } from '@core/member';

const NOW = new Date('2026-11-26T04:00:00Z');

test('memberProfile: a new member is 普卡 with nothing yet', () => {
  const profile = memberProfile(newMember('o-1', NOW), NOW);
  assert.deepEqual(profile, {
    openid: 'o-1',
    tier: 'normal',
    growth: 0,
    nextTier: 'silver',
    growthToNext: 500,
    tierExpiresAt: null,
    keepTierGrowth: 0,
    points: 0,
    paid: null,
    segment: null,
    birthday: null,
    groups: [],
    inviteCode: null,
    subscriptions: { paid: 0, liveStarting: 0, tierExpiring: 0, couponExpiring: 0, refundDone: 0, tierChanged: 0, campaignGift: 0 },
    nickName: null,
    avatarUrl: null,
    phoneTail: null,
    couponCount: 0,
  });
});

test('memberProfile: name, phone tail, coupon count; the avatar URL only when an avatar is set, never the phone', () => {
  const member = { ...newMember('o-4', NOW), nickName: '张晓明', phone: '13800138002', phoneTail: '8002' };
  const profile = memberProfile(member, NOW, { avatarUrl: 'https://stale.example/a.png', couponCount: 3 });
  assert.equal(profile.nickName, '张晓明');
  assert.equal(profile.phoneTail, '8002');
  assert.equal(profile.couponCount, 3);
  assert.equal(profile.avatarUrl, null);
  assert.ok(!JSON.stringify(profile).includes('13800138002'));
  assert.equal(memberProfile({ ...member, avatarFileId: 'cloud://env/avatars/o-4.png' }, NOW, { avatarUrl: 'https://tmp/a.png', couponCount: 0 }).avatarUrl, 'https://tmp/a.png');
});

test('memberProfile: a lapsed paid card shows as none, an active one with its end', () => {
  const member = { ...newMember('o-2', NOW), paid: { plan: 'lite' as const, expiresAt: new Date('2026-11-01T00:00:00Z'), terms: [] } };
  assert.equal(memberProfile(member, NOW).paid, null);
  const term = { termId: 't', plan: 'premium' as const, startsAt: new Date('2026-01-01T00:00:00Z'), endsAt: new Date('2027-01-01T00:00:00Z'), feeFen: 19900, savedFen: 0, settledAt: null };
  const active = { ...member, paid: { plan: 'premium' as const, expiresAt: new Date('2027-01-01T00:00:00Z'), terms: [term] } };
  assert.deepEqual(memberProfile(active, NOW).paid, { plan: 'premium', expiresAt: '2027-01-01T00:00:00.000Z' });
});

test('memberProfile: does not share arrays with the stored member', () => {
  const member = { ...newMember('o-3', NOW), groups: ['gid-A'] };
  const profile = memberProfile(member, NOW);
  profile.groups.push('gid-B');
  assert.deepEqual(member.groups, ['gid-A']);
});

import { test } from '@jest/globals';
import assert from '@test/support/assert';
import fc from 'fast-check';
import { attributionCandidate, attributionOpen, creditHeartbeat, livePhase, watchRewardsReached } from '@core/live';

const session = { startAt: new Date('2026-11-28T12:00:00Z'), endAt: new Date('2026-11-28T14:00:00Z') };
const at = (minutes: number, seconds = 0) => new Date(session.startAt.getTime() + minutes * 60_000 + seconds * 1000);

test('creditHeartbeat: a beat a minute after the last credits that minute', () => {
  assert.deepEqual(creditHeartbeat(at(0), at(1), session), { counted: true, creditSeconds: 60, moveClock: true });
});

test('creditHeartbeat: sooner than 45 s credits nothing; a long gap credits at most 90 s', () => {
  assert.deepEqual(creditHeartbeat(at(1), at(1, 44), session), { counted: false, reason: 'too_soon', moveClock: true });
  assert.deepEqual(creditHeartbeat(at(1), at(6), session), { counted: true, creditSeconds: 90, moveClock: true });
});

test('creditHeartbeat: nothing outside the session or before entering', () => {
  assert.deepEqual(creditHeartbeat(at(0), new Date(session.endAt.getTime() + 1000), session), { counted: false, reason: 'outside_session', moveClock: false });
  assert.deepEqual(creditHeartbeat(null, at(5), session), { counted: false, reason: 'not_entered', moveClock: false });
  // Entering before the start counts only from the start.
  assert.deepEqual(creditHeartbeat(at(-10), at(0, 50), session), { counted: true, creditSeconds: 50, moveClock: true });
});

test('creditHeartbeat (property): however beats are timed, credited time never exceeds real time', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 100 }), (gaps) => {
      let last = at(0);
      let now = at(0);
      let credited = 0;
      for (const gap of gaps) {
        now = new Date(now.getTime() + gap * 1000);
        const outcome = creditHeartbeat(last, now, session);
        if (outcome.counted) credited += outcome.creditSeconds;
        if (outcome.moveClock) last = now;
      }
      return credited <= Math.max(0, (Math.min(now.getTime(), session.endAt.getTime()) - session.startAt.getTime()) / 1000);
    }),
  );
});

test('creditHeartbeat (property): beats always closer than 45 s earn nothing', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 1, max: 44 }), { minLength: 1, maxLength: 200 }), (gaps) => {
      let last = at(0);
      let now = at(0);
      for (const gap of gaps) {
        now = new Date(now.getTime() + gap * 1000);
        const outcome = creditHeartbeat(last, now, session);
        if (outcome.counted) return false;
        if (outcome.moveClock) last = now;
      }
      return true;
    }),
  );
});

test('watchRewardsReached and livePhase', () => {
  const rewards = [
    { trigger: 'enter' as const, templateId: 'a' },
    { trigger: 'watch' as const, minutes: 10, templateId: 'b' },
  ];
  assert.deepEqual(watchRewardsReached(rewards, 599), []);
  assert.deepEqual(watchRewardsReached(rewards, 600).map((r) => r.templateId), ['b']);
  assert.equal(livePhase(session, at(-1)), 'upcoming');
  assert.equal(livePhase(session, at(30)), 'live');
  assert.equal(livePhase(session, at(120)), 'ended');
});

test('attributionCandidate: the session the member entered while its window is open, else the one named; nothing without either', () => {
  const mark = { sessionId: 'live-a', endAt: session.endAt };
  assert.equal(attributionCandidate(undefined, undefined, at(30)), undefined);
  assert.equal(attributionCandidate('live-b', undefined, at(30)), 'live-b');
  assert.equal(attributionCandidate(undefined, mark, at(30)), 'live-a');
  assert.equal(attributionCandidate('live-b', mark, at(30)), 'live-a');
  // Two hours after the end the mark is of no use (no read for it); a named session is still checked.
  assert.equal(attributionCandidate(undefined, mark, at(120 + 120)), 'live-a');
  assert.equal(attributionCandidate(undefined, mark, at(120 + 121)), undefined);
  assert.equal(attributionCandidate('live-b', mark, at(120 + 121)), 'live-b');
  assert.equal(attributionOpen(session, at(-1)), false);
  assert.equal(attributionOpen(session, at(0)), true);
  assert.equal(attributionOpen(session, at(240)), true);
  assert.equal(attributionOpen(session, at(240, 1)), false);
});

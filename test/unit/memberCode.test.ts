import { test } from '@jest/globals';
import assert from '@test/support/assert';
import { codeWindow, digitsExpiry, digitsOf, maskName, memberCodeOf, normalizePhone, parseMemberCode, phoneTailOf } from '@core/memberCode';

test('maskName: first and last characters kept, the rest starred; nothing given is null', () => {
  assert.equal(maskName('张晓明'), '张*明');
  assert.equal(maskName('王芳'), '王*');
  assert.equal(maskName('欧阳娜娜'), '欧**娜');
  assert.equal(maskName('李'), '李');
  assert.equal(maskName('  Tom '), 'T*m');
  // Characters outside the BMP count as one.
  assert.equal(maskName('🍓莓莓🍓'), '🍓**🍓');
  assert.equal(maskName(''), null);
  assert.equal(maskName('   '), null);
  assert.equal(maskName(undefined), null);
});

test('codeWindow: a code shown in a minute is valid to the end of the next one and refreshed at the next', () => {
  const w = codeWindow(new Date('2026-11-26T04:00:37.250Z'));
  assert.equal(w.minute, Math.floor(Date.parse('2026-11-26T04:00:00Z') / 60_000));
  assert.equal(w.refreshAt.toISOString(), '2026-11-26T04:01:00.000Z');
  assert.equal(w.expiresAt.toISOString(), '2026-11-26T04:02:00.000Z');
});

test('digitsExpiry: this minute\'s digits live two minutes, the previous minute\'s one, others none', () => {
  const minute = Math.floor(Date.parse('2026-11-26T04:00:00Z') / 60_000);
  const record = { minute, digits: ['111111111111', '222222222222'] };
  assert.equal(digitsExpiry(record, '111111111111')?.toISOString(), '2026-11-26T04:02:00.000Z');
  assert.equal(digitsExpiry(record, '222222222222')?.toISOString(), '2026-11-26T04:01:00.000Z');
  assert.equal(digitsExpiry(record, '333333333333'), null);
});

test('digitsOf: 12 digits, zero-padded, from the digest\'s first 8 bytes', () => {
  assert.equal(digitsOf(new Uint8Array(32)), '000000000000');
  assert.equal(digitsOf(Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 7, 9, 9])), '000000000007');
  // 2^64 − 1 = 18446744073709551615
  assert.equal(digitsOf(Uint8Array.from([255, 255, 255, 255, 255, 255, 255, 255])), '073709551615');
});

test('parseMemberCode: QR content, typed digits (with spaces or dashes), anything else invalid', () => {
  const code = memberCodeOf('012345678901', 1_800_000_000_000, 'A'.repeat(32));
  assert.deepEqual(parseMemberCode(code), { kind: 'qr', digits: '012345678901', expiresAtMs: 1_800_000_000_000, signature: 'A'.repeat(32) });
  assert.deepEqual(parseMemberCode(' 0123 4567 8901 '), { kind: 'digits', digits: '012345678901' });
  assert.deepEqual(parseMemberCode('0123-4567-8901'), { kind: 'digits', digits: '012345678901' });
  for (const bad of ['01234567', 'GLM1.0123.1800000000000.' + 'A'.repeat(32), 'GLM1.012345678901.soon.' + 'A'.repeat(32), 'GLM1.012345678901.1800000000000.short', 'GLV1.a.b.1.' + 'A'.repeat(32), 'hello']) {
    assert.deepEqual(parseMemberCode(bad), { kind: 'invalid' }, bad);
  }
});

test('normalizePhone / phoneTailOf: mainland mobiles only; the tail is the last four digits', () => {
  assert.equal(normalizePhone('13812345678'), '13812345678');
  assert.equal(normalizePhone('+86 138-1234-5678'), '13812345678');
  assert.equal(normalizePhone('8613812345678'), '13812345678');
  assert.equal(normalizePhone('0755-26608801'), null);
  assert.equal(normalizePhone(13812345678), null);
  assert.equal(phoneTailOf('13812345678'), '5678');
  assert.equal(phoneTailOf(null), null);
  assert.equal(phoneTailOf('12'), null);
});

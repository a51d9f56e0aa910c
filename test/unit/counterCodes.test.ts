import { describe, it } from '@jest/globals';
import assert from '@test/support/assert';
import { groupDigits, holdCode } from '@/packages/member/pages/member-code/model';
import { checkCredit, readCounterCode, yuanToFen } from '@/packages/staff/pages/workbench/model';

/** The counter's pure rules on the app side: which code is which, yuan typed → fen, and the member code's timing. */
describe('counter codes and amounts', () => {
  it('readCounterCode: a voucher by its QR or 8 digits, a member code by its QR or 12 digits (spaces allowed)', () => {
    assert.deepEqual(readCounterCode(' 8472 1093 '), { kind: 'voucher', code: '84721093' });
    assert.deepEqual(readCounterCode('GLV1.GL0A.store-flagship.1764863999999.q2h7Xw0bT9kZr4Lm'), { kind: 'voucher', code: 'GLV1.GL0A.store-flagship.1764863999999.q2h7Xw0bT9kZr4Lm' });
    assert.deepEqual(readCounterCode('6201 8839 4471'), { kind: 'member', code: '620188394471' });
    assert.deepEqual(readCounterCode('GLM1.620188394471.1764863999999.q2h7Xw0bT9kZr4Lm'), { kind: 'member', code: 'GLM1.620188394471.1764863999999.q2h7Xw0bT9kZr4Lm' });
    assert.equal(readCounterCode('1234567'), null);
    assert.equal(readCounterCode('1234567890'), null);
    assert.equal(readCounterCode(''), null);
  });

  it('yuanToFen: read from the text, never through a float', () => {
    assert.equal(yuanToFen('19.99'), 1999);
    assert.equal(yuanToFen('0.29'), 29); // 0.29 * 100 is 28.999999999999996 in floating point
    assert.equal(yuanToFen('128.5'), 12850);
    assert.equal(yuanToFen('12.'), 1200);
    assert.equal(yuanToFen(' 7 '), 700);
    assert.equal(yuanToFen('999999.99'), 99999999);
    for (const bad of ['', '.5', '1.234', '-1', '1e3', '1,000', '¥5', '1000000']) assert.equal(yuanToFen(bad), null, bad);
  });

  it('checkCredit: the receipt first, then the amount, each with its own message', () => {
    assert.deepEqual(checkCredit(' A0001-77 ', '128.50'), { ok: true, receiptNo: 'A0001-77', amountFen: 12850 });
    assert.deepEqual(checkCredit('', '1'), { ok: false, field: 'receiptNo', message: '请输入小票号' });
    assert.deepEqual(checkCredit('票号1', '1'), { ok: false, field: 'receiptNo', message: '小票号为 4–32 位字母、数字或 -' });
    assert.deepEqual(checkCredit('A0001', ''), { ok: false, field: 'amount', message: '请输入消费金额' });
    assert.deepEqual(checkCredit('A0001', '0.00'), { ok: false, field: 'amount', message: '消费金额须大于 0' });
  });

  it('member code: digits grouped by four; refresh within [5 s, 60 s] and shown 1–2 minutes whatever the phone’s clock says', () => {
    assert.equal(groupDigits('620188394471'), '6201 8839 4471');
    const at = Date.parse('2026-12-01T10:00:30.000Z');
    const answer = (refreshAt: string, expiresAt: string) => ({ code: 'GLM1.x', digits: '620188394471', refreshAt, expiresAt });
    // In step with the server: next minute's start, the end of the minute after.
    assert.deepEqual(holdCode(answer('2026-12-01T10:01:00.000Z', '2026-12-01T10:02:00.000Z'), at), { code: 'GLM1.x', digits: '620188394471', refreshAtMs: at + 30_000, expiresAtMs: at + 90_000 });
    // The phone 10 minutes fast: the server's instants look past.
    const fast = at + 600_000;
    assert.deepEqual(holdCode(answer('2026-12-01T10:01:00.000Z', '2026-12-01T10:02:00.000Z'), fast), { code: 'GLM1.x', digits: '620188394471', refreshAtMs: fast + 5_000, expiresAtMs: fast + 60_000 });
    // The phone 10 minutes slow: never more than a minute's wait, never shown past two.
    const slow = at - 600_000;
    assert.deepEqual(holdCode(answer('2026-12-01T10:01:00.000Z', '2026-12-01T10:02:00.000Z'), slow), { code: 'GLM1.x', digits: '620188394471', refreshAtMs: slow + 60_000, expiresAtMs: slow + 120_000 });
  });
});

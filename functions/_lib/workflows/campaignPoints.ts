import { COLLECTIONS } from '../platform/collections';
import type { Database } from '../platform/handler';
import { addLedgerEntry, existsInTx, memberInTx } from '../data/ledger';
import { forEachLimited } from '../platform/pool';
import { withTransaction, type Transaction } from '../platform/transaction';

const CONCURRENCY = 16;

/**
 * A campaign's points for one page of its audience. Each member's balance and ledger entry commit in
 * one transaction, and the entry's key is the (run, member) pair, so a resumed or concurrent runner
 * finds it and adds nothing. Answers the members who hold the run's points (given now or before).
 */
export async function grantCampaignPoints(db: Database, request: { runId: string; name: string; points: number; openids: readonly string[]; now: Date }): Promise<string[]> {
  const { runId, name, points, openids, now } = request;
  const given: string[] = [];
  await forEachLimited(openids, CONCURRENCY, async (openid) => {
    const key = `points:campaign:${runId}:${openid}`;
    await withTransaction(db, async (tx: Transaction) => {
      if (await existsInTx(tx, COLLECTIONS.ledger, key)) return;
      const member = await memberInTx(tx, openid);
      const balance = member.points + points;
      await tx.collection(COLLECTIONS.members).doc(openid).update({ data: { points: balance } });
      await addLedgerEntry(tx, { key, openid, kind: 'points', delta: points, balance, reason: `活动赠送：${name}`, ref: runId, at: now });
    });
    given.push(openid);
  });
  const holding = new Set(given);
  return openids.filter((openid) => holding.has(openid));
}

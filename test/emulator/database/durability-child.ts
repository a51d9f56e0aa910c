/**
 * Child process for durability.test.ts: writes forever and prints a line after each write is
 * acknowledged, until the parent kills it with SIGKILL. Usage: node --import tsx durability-child.ts <dataDir>
 */
import { EJSON } from 'bson';
import { openDatabase } from '@emulator/database';

const ejson = (value: unknown) => EJSON.stringify(value, { relaxed: false });
const dataDir = process.argv[2];
const db = openDatabase({ dataDir, now: () => new Date(), schema: { collections: { acks: {}, counters: {} } } });

async function must(action: string, body: Record<string, unknown>) {
  const res = await db.handle(action, body);
  if (res.code) {
    process.stderr.write(`${action} failed: ${res.code} ${res.message}\n`);
    process.exit(1);
  }
  return res;
}

async function main() {
  await must('database.insertDocument', { collectionName: 'counters', data: [ejson({ _id: 'writes', n: 0 })] });
  for (let i = 0; ; i++) {
    await must('database.insertDocument', { collectionName: 'acks', data: [ejson({ _id: `a${i}`, i, at: new Date() })] });
    await must('database.modifyDocument', {
      collectionName: 'counters',
      queryType: 'DOC',
      query: ejson({ _id: 'writes' }),
      data: ejson({ $inc: { n: 1 } }),
      multi: false,
      merge: true,
      upsert: false,
    });
    if (i % 10 === 0) {
      const { transactionId } = await must('database.startTransaction', {});
      await must('database.insertDocument', { collectionName: 'acks', data: [ejson({ _id: `tx${i}`, i })], transactionId });
      await must('database.commitTransaction', { transactionId });
    }
    process.stdout.write(`ack ${i}\n`);
  }
}

void main();

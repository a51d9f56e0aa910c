/** `npx tsx bench/requestsOnly.ts`: only the requests-per-operation table (seconds, not minutes). */
import { buildFunctions } from '../scripts/build-functions.mjs';
import { startEmulator } from '@test/support/emulator';
import { printRequests, requestsPerOperation } from './requests';

async function main() {
  await buildFunctions({ quiet: true });
  const cloud = await startEmulator({ seed: 'demo' });
  try {
    const counts = await requestsPerOperation(cloud);
    printRequests(counts);
    for (const [op, c] of Object.entries(counts)) console.log(`  ${op}: ${JSON.stringify(c.byCollection)}`);
  } finally {
    await cloud.stop();
  }
}
main().catch((err) => {
  console.error(err);
  process.exit(1);
});

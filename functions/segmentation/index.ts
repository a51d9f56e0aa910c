import cloud from 'wx-server-sdk';
import { now } from '@lib/platform/clock';
import '@lib/platform/handler';
import { calledByTimer, REFUSED, type Refused } from '@lib/platform/timer';
import { runSegmentation, type SegmentationOutcome } from '@lib/workflows/segmentation';

/** Stop taking new pages after this long; the next firing resumes (the function may run 60 s). */
const TIME_BUDGET_MS = 45_000;

/**
 * Timer (Mondays from 03:00 Shanghai, every 10 minutes until 05:50): the week's RFM+X segments. The
 * first firing starts the week's run; each later one resumes it where it stopped, or finds it done
 * and answers at the cost of one read.
 */
export async function main(): Promise<SegmentationOutcome | Refused> {
  if (!calledByTimer()) return REFUSED;
  return runSegmentation(cloud.database(), now(), TIME_BUDGET_MS);
}

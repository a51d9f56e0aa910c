/**
 * The one source of "now" for product code in cloud functions. In production it is the real time.
 * In the local cloud the function host sets LOCAL_CLOUD_NOW for each invocation from the dev clock
 * (POST /__dev/clock); it lives in the function's own environment, so no client input can move it.
 */
export function now(): Date {
  const dev = process.env.LOCAL_CLOUD_NOW;
  if (dev) {
    const at = new Date(dev);
    if (!Number.isNaN(at.getTime())) return at;
  }
  return new Date();
}

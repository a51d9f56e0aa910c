import cloud from 'wx-server-sdk';
import type { AnyContract, ActionOf, ParsedFor, ResponseFor } from '@contract/define';
import type { Result } from '@contract/errors';
import { validationMessage } from '@contract/messages';
import { now } from './clock';
import { DomainError } from './errors';

// DYNAMIC_CURRENT_ENV is a symbol the SDK resolves to the env the function runs in; its typings say string.
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

export type Database = ReturnType<typeof cloud.database>;

/** What every action gets: who is calling (from the WeChat context only), the database, and the time. */
export interface CallContext {
  openid: string;
  appid: string;
  source: string;
  db: Database;
  now: Date;
}

export type ActionHandlers<C extends AnyContract> = {
  [A in ActionOf<C>]: (request: ParsedFor<C, A>, ctx: CallContext) => Promise<ResponseFor<C, A>>;
};

export interface HandlerOptions {
  /** Actions that may run without an OPENID (none by default). */
  anonymous?: string[];
}

/**
 * The thin adapter every function is made of: identity from getWXContext, validate against the
 * contract's schema, dispatch to the action, and answer `{ ok, data }` or `{ ok: false, error }`.
 * Unexpected failures are logged and answered as INTERNAL, never leaked.
 */
export function defineFunction<C extends AnyContract>(contract: C, actions: ActionHandlers<C>, options: HandlerOptions = {}) {
  return async function main(event: unknown): Promise<Result<unknown>> {
    try {
      const { OPENID, APPID, SOURCE } = cloud.getWXContext();
      // reportInput: tells a missing field (请填写…) from a wrong one, in the Chinese message.
      const parsed = contract.request.safeParse(stripSdkFields(event), { reportInput: true });
      if (!parsed.success) return fail(new DomainError('INVALID_ARGUMENT', validationMessage(parsed.error.issues)));
      const request = parsed.data as { action: ActionOf<C> };
      if (!OPENID && !options.anonymous?.includes(request.action)) return fail(new DomainError('UNAUTHENTICATED'));
      const handler = actions[request.action] as (r: unknown, c: CallContext) => Promise<unknown>;
      const data = await handler(request, { openid: OPENID ?? '', appid: APPID ?? '', source: SOURCE ?? '', db: cloud.database(), now: now() });
      return { ok: true, data };
    } catch (err) {
      if (err instanceof DomainError) return fail(err);
      console.error(`[${contract.name}] unexpected failure`, err);
      return fail(new DomainError('INTERNAL'));
    }
  };
}

function fail(err: DomainError): Result<never> {
  return { ok: false, error: err.toCloudError() };
}

/** The client SDK adds `userInfo` to every event; it is not part of any request schema. */
function stripSdkFields(event: unknown): unknown {
  if (!event || typeof event !== 'object') return event;
  const { userInfo: _userInfo, ...rest } = event as Record<string, unknown>;
  return rest;
}

import type { z } from 'zod';

/**
 * A function's contract: its name, the zod schema of `{ action, ...params }`, and (as a type only)
 * what each action answers. The app's client and the function's handler are both typed from it,
 * so calling an action that does not exist, or with the wrong fields, fails to compile.
 */
export interface FunctionContract<
  Name extends string,
  Schema extends z.ZodType<{ action: string }>,
  Responses extends { [A in z.infer<Schema>['action']]: unknown },
> {
  name: Name;
  request: Schema;
  /** Phantom: never set at run time. */
  readonly responses?: Responses;
}

export function defineContract<Responses>() {
  return <Name extends string, Schema extends z.ZodType<{ action: string }>>(name: Name, request: Schema) =>
    ({ name, request }) as FunctionContract<Name, Schema, Responses & { [A in z.infer<Schema>['action']]: unknown }>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyContract = FunctionContract<string, z.ZodType<{ action: string }>, any>;
export type RequestOf<C extends AnyContract> = z.input<C['request']>;
export type ActionOf<C extends AnyContract> = Extract<RequestOf<C>, { action: string }>['action'];
export type RequestFor<C extends AnyContract, A extends ActionOf<C>> = Extract<RequestOf<C>, { action: A }>;
export type ParsedFor<C extends AnyContract, A extends ActionOf<C>> = Extract<z.infer<C['request']>, { action: A }>;
export type ResponseFor<C extends AnyContract, A extends ActionOf<C>> = NonNullable<C['responses']>[A & keyof NonNullable<C['responses']>];

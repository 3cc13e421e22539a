/**
 * The TypeScript type of the data a JSON Schema accepts, computed by the compiler from the schema
 * itself (declared `as const`), so that each public event is written once: its schema is the source,
 * its type follows (issue 13: one source of truth per contract). Covers what the contracts use:
 * `type` (string, number, integer, boolean, null, object, array), `enum`, `const`, `anyOf`/`oneOf`,
 * `nullable`, `properties` with `required`, `items` (a schema or a tuple of schemas).
 */
export type FromSchema<S> = S extends { nullable: true } ? Base<S> | null : Base<S>;

type Base<S> = S extends { const: infer C }
  ? C
  : S extends { enum: readonly (infer E)[] }
    ? E
    : S extends { anyOf: readonly (infer A)[] }
      ? FromSchema<A>
      : S extends { oneOf: readonly (infer O)[] }
        ? FromSchema<O>
        : S extends { type: 'object'; properties: infer P }
          ? ObjectOf<P, S extends { required: readonly (infer R)[] } ? R : never>
          : S extends { type: 'array'; items: infer I }
            ? I extends readonly unknown[]
              ? { -readonly [K in keyof I]: FromSchema<I[K]> }
              : FromSchema<I>[]
            : S extends { type: 'string' }
              ? string
              : S extends { type: 'integer' | 'number' }
                ? number
                : S extends { type: 'boolean' }
                  ? boolean
                  : S extends { type: 'null' }
                    ? null
                    : unknown;

type ObjectOf<P, R> = Simplify<
  { -readonly [K in keyof P & R]: FromSchema<P[K]> } & { -readonly [K in Exclude<keyof P, R>]?: FromSchema<P[K]> }
>;

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** An object schema whose every property is required (the usual shape of an event's data). */
export function object<const P extends Record<string, object>>(properties: P, description?: string) {
  return {
    type: 'object' as const,
    required: Object.keys(properties) as (keyof P & string)[],
    properties,
    ...(description !== undefined ? { description } : {}),
  };
}

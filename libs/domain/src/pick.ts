/**
 * The named fields of `source`, as they are and in the order named: for a row, an event or a
 * contract that copies fields by name (`{ ...pick(d, 'unitId', 'agencyId'), status: 'RECEIVED' }`).
 */
export function pick<T extends object, K extends keyof T>(source: T, ...keys: K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const key of keys) out[key] = source[key];
  return out;
}

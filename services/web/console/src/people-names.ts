import { useMemo } from 'react';
import { api } from './api/client';
import type { OrgTree, OrgTreeUnit } from './api/hr-types';
import { cityToday } from './format';
import { useLoad } from './hooks';

/** NIP → name of everyone holding a position in these units or below them. */
export function namesInTree(units: OrgTreeUnit[], into = new Map<string, string>()): Map<string, string> {
  for (const unit of units) {
    for (const position of unit.positions) for (const holder of position.holders) if (holder.name) into.set(holder.nip, holder.name);
    namesInTree(unit.units, into);
  }
  return into;
}

/**
 * The names of the people who hold a position in the agency today (its organisation tree), for
 * pages whose answers name people by NIP only. Someone outside the agency, or a reader the
 * organisation is not shown to, keeps their NIP alone.
 */
export function usePeopleNames(agencyId: string): (nip: string) => string | undefined {
  const date = cityToday();
  const tree = useLoad<OrgTree>(
    () => (agencyId ? api.workPlanning.GET('/agencies/{agencyId}/organisation', { params: { path: { agencyId }, query: { date } as never } }) : Promise.resolve({ response: new Response(null, { status: 204 }) })),
    [agencyId, date],
  );
  const names = useMemo(() => namesInTree(tree.data?.units ?? []), [tree.data]);
  return (nip) => names.get(nip);
}

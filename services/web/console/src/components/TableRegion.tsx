import type { ReactNode } from 'react';

/** A wide table that scrolls sideways on a phone: a named region reachable by keyboard. */
export function TableRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}

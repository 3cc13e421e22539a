import type { ReactNode } from 'react';

/** A wide table that scrolls sideways on a phone: a named region reachable by keyboard. */
export function TableRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}

/** A table's column headings. */
export function HeadRow({ labels }: { labels: string[] }) {
  return (
    <thead>
      <tr>
        {labels.map((label) => (
          <th scope="col" key={label}>
            {label}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/**
 * A table in its region: the caption (which names the region too), the column headings, and the
 * body's rows as children. `caption: 'hidden'` keeps it for screen readers only; `'none'` leaves it
 * out (the region still carries `label`).
 */
export function DataTable({ label, caption = 'shown', columns, children }: { label: string; caption?: 'shown' | 'hidden' | 'none'; columns: string[]; children: ReactNode }) {
  return (
    <TableRegion label={label}>
      <table>
        {caption !== 'none' && <caption className={caption === 'hidden' ? 'visually-hidden' : undefined}>{label}</caption>}
        <HeadRow labels={columns} />
        <tbody>{children}</tbody>
      </table>
    </TableRegion>
  );
}

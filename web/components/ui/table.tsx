import type { ReactNode } from "react";
import { cx } from "./cx";

export interface Column {
  label: ReactNode;
  right?: boolean;
  /** visually hidden (e.g. an actions column) but read by screen readers */
  hidden?: boolean;
}

/** Class for a data table that turns into one card per row on phones (app/globals.css); give its
 * cells `data-label` to name their value there. */
export const cardsOnPhone = "cards-on-phone";

/** The header row every data table shares: first/last cells get the card's edge padding. */
export function TableHead({ columns }: { columns: Column[] }) {
  return (
    <thead>
      <tr className="border-b border-slate-200 text-left text-xs font-medium uppercase tracking-wide text-slate-600">
        {columns.map((c, i) => (
          <th
            key={i}
            scope="col"
            className={cx("whitespace-nowrap py-2", i === 0 ? "pl-5 pr-3" : i === columns.length - 1 ? "pl-3 pr-5" : "px-3", c.right && "text-right")}
          >
            {c.hidden ? <span className="sr-only">{c.label}</span> : c.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}

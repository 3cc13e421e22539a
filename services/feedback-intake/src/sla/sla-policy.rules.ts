import { HOLIDAYS_ID_2026 } from './holidays-id-2026';
import { WorkingCalendar } from './working-calendar.rules';

/** SLA per complaint category, in working days. Categories are configuration too. */
export interface SlaPolicy {
  version: string;
  workingDaysByCategory: Readonly<Record<string, number>>;
  /** What citizens read for each category (Bahasa Indonesia); a category without one shows its code in words. */
  labels?: Readonly<Record<string, string>>;
}

/**
 * EXAMPLE CONFIGURATION, unconfirmed [U]: no source read sets per-category complaint SLAs for a
 * city; each city sets its own (e.g. in a Perwal on pengelolaan pengaduan).
 */
export const EXAMPLE_SLA_POLICY: SlaPolicy = {
  version: 'example-2026',
  workingDaysByCategory: {
    PELAYANAN: 5,
    PERILAKU_PETUGAS: 5,
    SARANA_PRASARANA: 10,
    BIAYA_TARIF: 5,
    PUNGUTAN_LIAR: 3,
    LAINNYA: 10,
  },
  labels: {
    PELAYANAN: 'Pelayanan',
    PERILAKU_PETUGAS: 'Perilaku petugas',
    SARANA_PRASARANA: 'Sarana dan prasarana',
    BIAYA_TARIF: 'Biaya atau tarif',
    PUNGUTAN_LIAR: 'Pungutan liar',
    LAINNYA: 'Lainnya',
  },
};

/** The complaint categories as citizens choose them: code, label, SLA in working days; in the policy's order. */
export function complaintCategories(policy: SlaPolicy): { category: string; label: string; slaWorkingDays: number }[] {
  return Object.entries(policy.workingDaysByCategory).map(([category, slaWorkingDays]) => ({
    category,
    label: policy.labels?.[category] ?? category.charAt(0) + category.slice(1).toLowerCase().replace(/_/g, ' '),
    slaWorkingDays,
  }));
}

/** The default calendar for a WIB city in 2026: Saturday and Sunday off, national holidays and cuti bersama. */
export const DEFAULT_CALENDAR_WIB_2026: WorkingCalendar = {
  version: 'id-2026-skb-1497-2-5-2025',
  timeZone: 'Asia/Jakarta',
  weekendDays: [6, 7],
  holidays: HOLIDAYS_ID_2026,
};

export function slaPolicyProblems(policy: SlaPolicy): string[] {
  const entries = Object.entries(policy.workingDaysByCategory);
  const problems = entries
    .filter(([, days]) => !Number.isInteger(days) || days < 1)
    .map(([category, days]) => `SLA for ${category} must be a positive whole number of working days, got ${days}`);
  if (entries.length === 0) problems.push('no complaint categories');
  return problems;
}

import { invalid } from '@kinerja/domain';
import { isLocalDate, LocalDate, yearOf } from '../local-date';
import { CoreValue, CoreValueAssessment, PredikatPegawai, Rating } from '../predikat';
import { DevelopmentAction, RuleSet } from '../rule-sets/rule-set';

/** A training as entered or imported: its length in hours or in JP. */
export type TrainingLength = { unit: 'HOURS'; value: number } | { unit: 'JP'; value: number };

/** Minutes of a training (1 JP = `minutesPerJp` minutes, 45 by default). */
export function trainingMinutes(length: TrainingLength, ruleSet: RuleSet): number {
  if (!(typeof length?.value === 'number' && Number.isFinite(length.value) && length.value > 0))
    throw invalid('INVALID_LENGTH', 'Durasi pelatihan harus lebih dari 0', 'length');
  switch (length.unit) {
    case 'HOURS':
      return Math.round(length.value * 60);
    case 'JP':
      return Math.round(length.value * ruleSet.development.minutesPerJp);
    default: {
      const unreachable: never = length;
      throw invalid('INVALID_UNIT', `Satuan durasi harus HOURS atau JP (${String((unreachable as any)?.unit)})`, 'length.unit');
    }
  }
}

export interface JpProgress {
  year: number;
  minutes: number;
  jp: number;
  requiredJp: number;
  shortfallJp: number;
  met: boolean;
  /** From the rule set's alert date to the year's end, while short of the minimum. */
  shortfallAlert: boolean;
}

/** Progress against the yearly minimum (PP 11/2017 jo. PP 17/2020: 20 JP); `today` decides the alert. */
export function jpProgress(trainings: readonly { date: LocalDate; minutes: number }[], year: number, today: LocalDate, ruleSet: RuleSet): JpProgress {
  if (!isLocalDate(today)) throw invalid('INVALID_DATE', 'Tanggal harus berformat YYYY-MM-DD', 'today');
  const dev = ruleSet.development;
  const minutes = trainings.filter((t) => yearOf(t.date) === year).reduce((sum, t) => sum + t.minutes, 0);
  const jp = Math.floor((minutes / dev.minutesPerJp) * 100) / 100;
  const met = minutes >= dev.minJpPerYear * dev.minutesPerJp;
  const alertFrom = `${String(year).padStart(4, '0')}-${dev.shortfallAlertFrom}`;
  return {
    year,
    minutes,
    jp,
    requiredJp: dev.minJpPerYear,
    shortfallJp: met ? 0 : Math.ceil((dev.minJpPerYear - minutes / dev.minutesPerJp) * 100) / 100,
    met,
    shortfallAlert: !met && today >= alertFrom && yearOf(today) === year,
  };
}

export interface DevelopmentItem {
  action: DevelopmentAction;
  /** The core value or the rating it addresses; null for the predicate as a whole. */
  focus: CoreValue | 'HASIL_KERJA' | 'PERILAKU_KERJA' | null;
  reason: string;
}

export interface DevelopmentInput {
  predicate: PredikatPegawai;
  predicateFactId: string;
  ratingHasil: Rating;
  ratingPerilaku: Rating;
  berakhlak: Partial<Record<CoreValue, CoreValueAssessment>>;
}

/** A development plan proposed from the predicate, the ratings and the BerAKHLAK feedback (PP 11/2017 Pasal 134(2)). */
export function proposeDevelopmentPlan(input: DevelopmentInput, ruleSet: RuleSet): { items: DevelopmentItem[]; factIds: string[]; ruleSetVersion: string } {
  const dev = ruleSet.development;
  const items: DevelopmentItem[] = [];
  const add = (item: DevelopmentItem) => {
    if (!items.some((i) => i.action === item.action && i.focus === item.focus)) items.push(item);
  };
  for (const action of dev.byPredicate[input.predicate]) add({ action, focus: null, reason: `Predikat ${input.predicate}` });
  if (input.ratingHasil === 'DI_BAWAH')
    for (const action of dev.coreValueNeedingImprovement) add({ action, focus: 'HASIL_KERJA', reason: 'Rating hasil kerja di bawah ekspektasi' });
  if (input.ratingPerilaku === 'DI_BAWAH')
    for (const action of dev.coreValueNeedingImprovement) add({ action, focus: 'PERILAKU_KERJA', reason: 'Rating perilaku kerja di bawah ekspektasi' });
  for (const [value, assessment] of Object.entries(input.berakhlak) as [CoreValue, CoreValueAssessment][])
    if (assessment === 'BUTUH_PERBAIKAN')
      for (const action of dev.coreValueNeedingImprovement) add({ action, focus: value, reason: `Umpan balik BerAKHLAK ${value}: Butuh Perbaikan` });
  return { items, factIds: [input.predicateFactId], ruleSetVersion: ruleSet.version };
}

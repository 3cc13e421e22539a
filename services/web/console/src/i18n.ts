import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { id as core } from './locales/id/core';

/**
 * Every word the console shows, in Bahasa Indonesia (the default and, for now, only locale).
 * `locales/id/core.ts` holds the shell and the employee's and supervisor's pages; each further area
 * (organisation, monitoring, career, audit, …) keeps its words in its own file of `locales/id/`,
 * exporting one object under the area's key, picked up here without a list to maintain.
 */
const areas = import.meta.glob<Record<string, unknown>>(['./locales/id/*.ts', '!./locales/id/core.ts'], {
  eager: true,
  import: 'default',
});
const id: Record<string, unknown> = { ...core };
for (const words of Object.values(areas)) Object.assign(id, words);

void i18n.use(initReactI18next).init({
  lng: 'id',
  fallbackLng: 'id',
  resources: { id: { translation: id } },
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18n;

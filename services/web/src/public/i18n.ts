import i18next, { type TFunction } from 'i18next';
import citizen from './locales/id/citizen';

/** The citizens' pages' own i18next instance: Bahasa Indonesia, synchronous, HTML escaped by the templates (./html.ts). */
const instance = i18next.createInstance();
void instance.init({
  lng: 'id',
  fallbackLng: 'id',
  resources: { id: { translation: citizen } },
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});

export const t: TFunction = instance.t.bind(instance);

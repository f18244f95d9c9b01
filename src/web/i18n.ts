// Japanese by default, English by a switch the browser remembers. Labels come from
// ui-text-login.ts (the login and the frame, in the first download) and ui-text.ts (the screens,
// fetched with the first screen after login), error sentences from the server's message catalogue
// (the API answers with its keys), status and classification names from the domain modules: one
// source for each word.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Localized } from '../domain/messages.ts';
import { LOGIN_UI } from './ui-text-login.ts';

export type Lang = 'ja' | 'en';
const LANGS = ['ja', 'en'] as const;
const STORAGE_KEY = 'hersys.lang';

const pick = (table: Record<string, Localized>, lang: Lang, prefix = '') =>
  Object.fromEntries(Object.entries(table).map(([k, v]) => [prefix + k, v[lang]]));

export const savedLang = (): Lang => (localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'ja');

export async function initI18n(): Promise<void> {
  await i18next.use(initReactI18next).init({
    resources: Object.fromEntries(LANGS.map((lang) => [lang, { translation: pick(LOGIN_UI, lang) }])),
    lng: savedLang(),
    fallbackLng: 'ja',
    keySeparator: false,
    interpolation: { escapeValue: false }, // React escapes
  });
  document.documentElement.lang = i18next.language;
}

let screenTexts: Promise<void> | undefined;

/** The screens' labels, in both languages; fetched once, awaited before the first screen after login shows. */
export function loadScreenTexts(): Promise<void> {
  screenTexts ??= Promise.all([import('./ui-text.ts'), import('../domain/messages.ts'), import('../domain/case-status.ts')]).then(
    ([{ UI }, { MESSAGES }, { CASE_STATUS_LABELS }]) => {
      for (const lang of LANGS) {
        i18next.addResources(lang, 'translation', { ...pick(UI, lang), ...pick(MESSAGES, lang, 'message.'), ...pick(CASE_STATUS_LABELS, lang, 'status.') });
      }
    },
    (e: unknown) => {
      screenTexts = undefined; // a failed fetch (offline a moment) is tried again by the next screen
      throw e;
    },
  );
  return screenTexts;
}

export async function setLang(lang: Lang): Promise<void> {
  localStorage.setItem(STORAGE_KEY, lang);
  await i18next.changeLanguage(lang);
  document.documentElement.lang = lang;
}

/** A {ja, en} pair from the server, in the language shown. */
export const localized = (l: Localized) => l[i18next.language === 'en' ? 'en' : 'ja'];

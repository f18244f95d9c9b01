// Japanese by default, English by a switch the browser remembers. Labels come from ui-text.ts,
// error sentences from the server's message catalogue (the API answers with its keys), status and
// classification names from the domain modules: one source for each word.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { CASE_STATUS_LABELS } from '../domain/case-status.ts';
import { MESSAGES, type Localized } from '../domain/messages.ts';
import { UI } from './ui-text.ts';

export type Lang = 'ja' | 'en';
const STORAGE_KEY = 'hersys.lang';

const pick = (table: Record<string, Localized>, lang: Lang, prefix = '') =>
  Object.fromEntries(Object.entries(table).map(([k, v]) => [prefix + k, v[lang]]));

const resources = Object.fromEntries(
  (['ja', 'en'] as const).map((lang) => [
    lang,
    { translation: { ...pick(UI, lang), ...pick(MESSAGES, lang, 'message.'), ...pick(CASE_STATUS_LABELS, lang, 'status.') } },
  ]),
);

export const savedLang = (): Lang => (localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'ja');

export async function initI18n(): Promise<void> {
  await i18next.use(initReactI18next).init({
    resources,
    lng: savedLang(),
    fallbackLng: 'ja',
    keySeparator: false,
    interpolation: { escapeValue: false }, // React escapes
  });
  document.documentElement.lang = i18next.language;
}

export async function setLang(lang: Lang): Promise<void> {
  localStorage.setItem(STORAGE_KEY, lang);
  await i18next.changeLanguage(lang);
  document.documentElement.lang = lang;
}

/** A {ja, en} pair from the server, in the language shown. */
export const localized = (l: Localized) => l[i18next.language === 'en' ? 'en' : 'ja'];

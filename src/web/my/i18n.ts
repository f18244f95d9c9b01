// The language of My HER-SYS: Japanese by default, English or やさしい日本語 by a switch the browser
// remembers (its own key: the staff app's switch knows two languages). i18next as in the staff app,
// with the three tables of texts.ts; やさしい日本語 falls back to Japanese for anything not written in it.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { SYMPTOMS, SYMPTOM_CODES } from '../../domain/red-flags.ts';
import { EASY_SYMPTOMS, MY_LANGS, MY_TEXT, ROLE_WORDS, type MyLang } from './texts.ts';

const STORAGE_KEY = 'hersys.my.lang';

export const savedLang = (): MyLang => {
  const saved = localStorage.getItem(STORAGE_KEY);
  return MY_LANGS.find((l) => l === saved) ?? 'ja';
};

function table(lang: MyLang): Record<string, string> {
  const words = Object.fromEntries(Object.entries(MY_TEXT).map(([k, v]) => [k, v[lang]]));
  const symptoms = Object.fromEntries(SYMPTOM_CODES.map((s) => [`symptom.${s}`, lang === 'easy' ? EASY_SYMPTOMS[s] : SYMPTOMS[s][lang]]));
  const roles = Object.fromEntries(Object.entries(ROLE_WORDS).map(([r, v]) => [`role.${r}`, v[lang]]));
  return { ...words, ...symptoms, ...roles };
}

/** やさしい日本語 is Japanese to the browser and to screen readers. */
const htmlLang = (lang: MyLang) => (lang === 'en' ? 'en' : 'ja');

export async function initMyI18n(): Promise<void> {
  await i18next.use(initReactI18next).init({
    resources: Object.fromEntries(MY_LANGS.map((lang) => [lang, { translation: table(lang) }])),
    lng: savedLang(),
    fallbackLng: 'ja',
    keySeparator: false,
    interpolation: { escapeValue: false }, // React escapes
  });
  document.documentElement.lang = htmlLang(savedLang());
}

export async function setMyLang(lang: MyLang): Promise<void> {
  localStorage.setItem(STORAGE_KEY, lang);
  await i18next.changeLanguage(lang);
  document.documentElement.lang = htmlLang(lang);
}

export const currentLang = (): MyLang => MY_LANGS.find((l) => l === i18next.language) ?? 'ja';

/** A {ja, en} pair from the server in the language shown (plain Japanese reads the Japanese). */
export const pickLocalized = (l: { ja: string; en: string }) => (currentLang() === 'en' ? l.en : l.ja);

/** The language dates are written in (dates.ts knows ja and en). */
export const dateLang = () => (currentLang() === 'en' ? 'en' : 'ja');

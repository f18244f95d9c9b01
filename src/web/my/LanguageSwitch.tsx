// The three languages side by side, each named in itself, the one shown marked as pressed.
import { useTranslation } from 'react-i18next';
import { currentLang, setMyLang } from './i18n.ts';
import { LANG_NAMES, MY_LANGS } from './texts.ts';

export function LanguageSwitch() {
  const { t } = useTranslation();
  const shown = currentLang();
  return (
    <div className="my-langs" role="group" aria-label={t('lang.label')}>
      {MY_LANGS.map((lang) => (
        <button key={lang} type="button" lang={lang === 'en' ? 'en' : 'ja'} aria-pressed={lang === shown} onClick={() => void setMyLang(lang)}>
          {LANG_NAMES[lang]}
        </button>
      ))}
    </div>
  );
}

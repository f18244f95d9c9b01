// What a failed request says to the patient: our own sentence for each code the patient's API
// answers with (texts.ts, in all three languages), the server's ja/en sentence for any other, and a
// "what you typed is kept" for a request that got no answer at all.
import type { TFunction } from 'i18next';
import { ApiError } from '../api.ts';
import { pickLocalized } from './i18n.ts';
import { MY_TEXT } from './texts.ts';

export function errorText(e: unknown, t: TFunction): string {
  if (!(e instanceof ApiError)) return t(e instanceof TypeError ? 'error.network' : 'error.other');
  const { code, details } = e.problem;
  if (code === 'rate_limited') {
    const seconds = details?.retryAfterSeconds;
    return typeof seconds === 'number' ? t('error.rate_limited', { seconds }) : t('error.rate_limited_later');
  }
  if (`error.${code}` in MY_TEXT) return t(`error.${code}`);
  if (e.status >= 500) return t('error.other');
  return pickLocalized(e.problem.message);
}

/** The session is gone: the page goes back to the sign-in. */
export const SESSION_GONE = new Set(['session_expired', 'unauthenticated']);

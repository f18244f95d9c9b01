// The schema's own verdict on a form before it is sent (the server validates with the same zod
// schemas, src/domain/api): each issue at its field, in Japanese and English — a schema's own
// "日本語 / English" message where it has one, a plain "enter / choose this" for empty fields,
// zod's wording otherwise.
import type { z } from 'zod';
import en from 'zod/v4/locales/en.js';
import ja from 'zod/v4/locales/ja.js';
import type { Localized } from '../../../domain/messages.ts';
import { UI } from '../../ui-text.ts';
import type { Messages } from './checks.ts';

const jaError = ja().localeError;
const enError = en().localeError;

const text = (r: ReturnType<typeof jaError>, fallback: string) => (!r ? fallback : typeof r === 'string' ? r : r.message);

export function issueMessage(issue: z.core.$ZodIssue): Localized {
  const empty = (issue.code === 'too_small' && issue.minimum === 1 && issue.origin === 'string') || (issue.code === 'invalid_type' && issue.input === undefined);
  if (empty) return UI['reg.required'];
  if (issue.code === 'invalid_value') return UI['reg.choose'];
  const english = text(enError(issue as never), issue.message);
  if (issue.message && issue.message !== english && issue.message.includes(' / ')) {
    const [jaText, enText] = issue.message.split(' / ');
    return { ja: jaText!, en: enText ?? jaText! };
  }
  return { ja: text(jaError(issue as never), issue.message), en: english };
}

/** Issues keyed by field: `prefix` is where the parsed object sits ('person', 'tests.0'). */
export function issueMessages(issues: readonly z.core.$ZodIssue[], prefix: (string | number)[]): Messages {
  const m: Messages = new Map();
  for (const issue of issues) {
    const key = [...prefix, ...issue.path.map(String)].join('.');
    m.set(key, [...(m.get(key) ?? []), { severity: 'error', text: issueMessage(issue) }]);
  }
  return m;
}

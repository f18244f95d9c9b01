// When a diagnosis date puts a notification under another form version, what the new version does
// not collect has to go (the server refuses it: not_collected_by_form, unknown_item): the typed
// columns it dropped are emptied and the answers it has no item for are left out.
import { validateAnswers } from '../../../domain/forms/answers.ts';
import type { FormDefinition } from '../../../domain/forms/definition.ts';
import { notCollectedGiven } from '../../../domain/notification.ts';
import type { DraftValues } from './checks.ts';

export function adaptToForm(values: DraftValues, form: FormDefinition): Partial<DraftValues> {
  const columns = Object.fromEntries(notCollectedGiven(form, values).map((c) => [c, null])) as Partial<DraftValues>;
  const ids = new Set(form.items.map((i) => i.id));
  let answers = Object.fromEntries(Object.entries(values.answers).filter(([k]) => ids.has(k)));
  // Answers that no longer fit (another value set, a condition no longer met) go too, item by item.
  for (let i = 0; i < 20; i++) {
    const errors = validateAnswers(form, answers, 'law').errors.filter((e) => e.code !== 'too_long' && e.code !== 'out_of_range');
    if (!errors.length) break;
    const drop = new Set(errors.map((e) => String(e.path[0])));
    answers = Object.fromEntries(Object.entries(answers).filter(([k]) => !drop.has(k)));
  }
  return { ...columns, answers };
}

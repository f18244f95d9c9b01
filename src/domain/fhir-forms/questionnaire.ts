// A form definition as a FHIR R4 Questionnaire (the eInfectionReport draft models each notification
// form so): one Questionnaire per definition version, its url + version the canonical a
// QuestionnaireResponse names. Japanese text with the English as HL7's translation extension.
import type { Coding, Questionnaire, QuestionnaireItem, QuestionnaireItemEnableWhen } from '@medplum/fhirtypes';
import type { FormDefinition, FormItem, ItemType } from '../forms/definition.ts';
import type { Localized } from '../messages.ts';
import { CODE_SYSTEM, EXTENSION, QUESTIONNAIRE_BASE, translated } from './canonical.ts';
import { coreItemsOf } from './core-items.ts';

/** The Questionnaire's id: form and version, which FHIR ids allow ([A-Za-z0-9.-]). */
export const questionnaireId = (def: Pick<FormDefinition, 'formId' | 'version'>) => `${def.formId}-${def.version}`.replaceAll('_', '-');
export const questionnaireUrl = (def: Pick<FormDefinition, 'formId'>) => `${QUESTIONNAIRE_BASE}/${def.formId}`;
/** The canonical a QuestionnaireResponse names: url|version. */
export const questionnaireCanonical = (def: Pick<FormDefinition, 'formId' | 'version'>) => `${questionnaireUrl(def)}|${def.version}`;

/** The definition a canonical (url|version) names, if it is one of `defs`. */
export function definitionOfCanonical<D extends FormDefinition>(defs: readonly D[], canonical: string | undefined): D | undefined {
  if (!canonical) return undefined;
  const [url, version] = canonical.split('|');
  return defs.find((d) => questionnaireUrl(d) === url && d.version === version);
}

const FHIR_TYPE: Record<ItemType, QuestionnaireItem['type']> = {
  boolean: 'boolean',
  choice: 'choice',
  multi_choice: 'choice',
  date: 'date',
  integer: 'integer',
  decimal: 'decimal',
  text: 'string',
  group: 'group',
};

export const optionSystem = (def: Pick<FormDefinition, 'formId'>, itemId: string) => `${CODE_SYSTEM.formItem}/${def.formId}/${itemId}`;

const coding = (system: string, code: string, label: Localized): Coding => ({ system, code, display: label.ja, _display: translated(label) }) as Coding;

const levelExtension = (level: string) => ({ url: EXTENSION.requiredLevel, valueCode: level });

function enableWhenOf(def: FormDefinition, byId: Map<string, FormItem>, cond: NonNullable<FormItem['enableWhen']>[number]): QuestionnaireItemEnableWhen {
  const target = byId.get(cond.item);
  const question = cond.item;
  if (cond.operator === 'exists') return { question, operator: 'exists', answerBoolean: cond.value === undefined ? true : Boolean(cond.value) };
  const operator = cond.operator === 'not_equals' ? '!=' : '='; // includes: '=' on a repeating answer holds when any answer matches
  const v = cond.value;
  if (target?.valueSet) return { question, operator, answerCoding: { system: optionSystem(def, target.id), code: String(v) } };
  if (typeof v === 'boolean') return { question, operator, answerBoolean: v };
  if (typeof v === 'number') return target?.type === 'decimal' ? { question, operator, answerDecimal: v } : { question, operator, answerInteger: v };
  return target?.type === 'date' ? { question, operator, answerDate: String(v) } : { question, operator, answerString: String(v) };
}

function itemOf(def: FormDefinition, byId: Map<string, FormItem>, item: FormItem): QuestionnaireItem {
  const q: QuestionnaireItem = {
    linkId: item.id,
    text: item.label.ja,
    _text: translated(item.label),
    type: FHIR_TYPE[item.type],
    extension: [levelExtension(item.required)],
  } as QuestionnaireItem;
  if (item.required === 'submit') q.required = true;
  if (item.type === 'multi_choice' || item.repeats) q.repeats = true;
  if (item.maxLength !== undefined && item.type === 'text') q.maxLength = item.maxLength;
  if (item.valueSet) q.answerOption = item.valueSet.map((o) => ({ valueCoding: coding(optionSystem(def, item.id), o.code, o) }));
  if (item.enableWhen) {
    q.enableWhen = item.enableWhen.map((c) => enableWhenOf(def, byId, c));
    if (item.enableWhen.length > 1) q.enableBehavior = item.enableBehavior ?? 'all';
  }
  if (item.min !== undefined || item.max !== undefined) {
    const key = item.type === 'integer' ? 'valueInteger' : 'valueDecimal';
    q.extension!.push(
      ...(item.min !== undefined ? [{ url: 'http://hl7.org/fhir/StructureDefinition/minValue', [key]: item.min }] : []),
      ...(item.max !== undefined ? [{ url: 'http://hl7.org/fhir/StructureDefinition/maxValue', [key]: item.max }] : []),
    );
  }
  if (item.items) q.item = item.items.map((child) => itemOf(def, byId, child));
  return q;
}

function indexItems(items: FormItem[], into = new Map<string, FormItem>()): Map<string, FormItem> {
  for (const i of items) {
    into.set(i.id, i);
    if (i.items) indexItems(i.items, into);
  }
  return into;
}

/** The Questionnaire of one form-definition version: the typed notification items, then the form's own. */
export function questionnaireOf(def: FormDefinition): Questionnaire {
  const clash = coreItemsOf(def).find((c) => indexItems(def.items).has(c.key));
  if (clash) throw new Error(`form ${def.formId} ${def.version}: item id "${clash.key}" is a typed notification item`);
  const title = def.title ?? { ja: `${def.disease.ja} 発生届`, en: `${def.disease.en} notification` };
  const byId = indexItems(def.items);
  const core: QuestionnaireItem[] = coreItemsOf(def).map((c) => {
    const level = c.level(def);
    return {
      linkId: c.key,
      text: c.label.ja,
      _text: translated(c.label),
      type: c.type,
      ...(level === 'submit' ? { required: true } : {}),
      extension: [levelExtension(level)],
      ...(c.options ? { answerOption: c.options.map((o) => ({ valueCoding: coding(CODE_SYSTEM.classification, o.code, o.label) })) } : {}),
    } as QuestionnaireItem;
  });
  return {
    resourceType: 'Questionnaire',
    id: questionnaireId(def),
    url: questionnaireUrl(def),
    version: def.version,
    // que-0: a computer-usable name starts with a capital letter.
    name: `${def.formId[0].toUpperCase()}${def.formId.slice(1)}_${def.version}`.replace(/[^A-Za-z0-9_]/g, '_'),
    title: title.ja,
    _title: translated(title),
    // Every version stays active: notifications filed under it are read and corrected under it.
    status: 'active',
    language: 'ja',
    subjectType: ['Patient'],
    // A definition's effectiveUntil is exclusive, a FHIR Period's end inclusive: the day before.
    effectivePeriod: { start: def.effectiveFrom, ...(def.effectiveUntil ? { end: dayBefore(def.effectiveUntil) } : {}) },
    code: [{ system: CODE_SYSTEM.disease, code: def.disease.code, display: def.disease.ja }],
    item: [...core, ...def.items.map((i) => itemOf(def, byId, i))],
  } as Questionnaire;
}

function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

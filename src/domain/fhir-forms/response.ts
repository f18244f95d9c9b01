// A notification's answers as a FHIR QuestionnaireResponse (the eInfectionReport draft files each
// notification so), and back: a clinic system's QuestionnaireResponse becomes exactly the object
// the web form sends (the typed items and `answers`), checked with the same rules
// (validateAnswers), every problem located by a FHIRPath expression.
import type { Coding, QuestionnaireResponse, QuestionnaireResponseItem, QuestionnaireResponseItemAnswer, Reference } from '@medplum/fhirtypes';
import { CalendarDate } from '../api/dates.ts';
import { validateAnswers, type AnswerPath, type Answers } from '../forms/answers.ts';
import type { FormDefinition, FormItem } from '../forms/definition.ts';
import type { Classification } from '../logic-checks.ts';
import type { Localized } from '../messages.ts';
import { CLASSIFICATIONS } from '../notification.ts';
import { CODE_SYSTEM, EXTENSION, IDENTIFIER_SYSTEM, translated } from './canonical.ts';
import { coreItemsOf, CORE_ITEMS, type CoreItem, type CoreKey } from './core-items.ts';
import { literal, type FhirIssue } from './issues.ts';
import { optionSystem, questionnaireCanonical } from './questionnaire.ts';

/** What the web form sends for a notification (api/notifications.ts draftFields, without the reporter). */
export interface NotificationAnswers {
  classification: Classification;
  diagnosedOn?: string;
  initialConsultationOn?: string;
  specimenCollectedOn?: string;
  onsetOn?: string;
  estimatedInfectionOn?: string;
  deathOn?: string;
  occupation?: string;
  admitted?: boolean;
  symptomatic?: boolean;
  clinicalDiagnosis?: boolean;
  answers: Answers;
}

export const ROOT = 'QuestionnaireResponse';
const OCCUPATION_MAX = 100;

// --- answers -> QuestionnaireResponse -----------------------------------------------------------

export interface ResponseMeta {
  id?: string;
  status?: QuestionnaireResponse['status'];
  subject?: Reference;
  author?: Reference;
  authored?: string;
  notificationId?: string;
  caseNumber?: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** As the form treats them: null, '', [] and an object without answers are no answer. */
const isAnswered = (v: unknown): boolean =>
  v !== undefined && v !== null && v !== '' && (Array.isArray(v) ? v.length > 0 : isObject(v) ? Object.values(v).some(isAnswered) : true);

function optionAnswer(def: FormDefinition, item: FormItem, v: unknown): QuestionnaireResponseItemAnswer {
  const { code, text } = isObject(v) ? (v as { code: string; text?: string }) : { code: String(v), text: undefined };
  const option = item.valueSet?.find((o) => o.code === code);
  const valueCoding = { system: optionSystem(def, item.id), code, ...(option ? { display: option.ja } : {}) };
  return text !== undefined ? { valueCoding, extension: [{ url: EXTENSION.otherText, valueString: text }] } : { valueCoding };
}

function valueAnswer(item: FormItem, v: unknown): QuestionnaireResponseItemAnswer {
  switch (item.type) {
    case 'boolean':
      return { valueBoolean: v as boolean };
    case 'date':
      return { valueDate: v as string };
    case 'integer':
      return { valueInteger: v as number };
    case 'decimal':
      return { valueDecimal: v as number };
    default:
      return { valueString: v as string };
  }
}

const labelled = (linkId: string, label: Localized) => ({ linkId, text: label.ja, _text: translated(label) }) as QuestionnaireResponseItem;

function responseItems(def: FormDefinition, items: FormItem[], answers: Answers): QuestionnaireResponseItem[] {
  return items.flatMap((item): QuestionnaireResponseItem[] => {
    const v = answers[item.id];
    if (!isAnswered(v)) return [];
    const base = labelled(item.id, item.label);
    if (item.type === 'group') {
      const entries = item.repeats ? (v as Answers[]) : [v as Answers];
      return entries
        .map((entry) => ({ ...base, item: responseItems(def, item.items ?? [], entry) }))
        .filter((g) => g.item.length > 0);
    }
    if (item.type === 'multi_choice') return [{ ...base, answer: (v as unknown[]).map((o) => optionAnswer(def, item, o)) }];
    if (item.type === 'choice') return [{ ...base, answer: [optionAnswer(def, item, v)] }];
    return [{ ...base, answer: [valueAnswer(item, v)] }];
  });
}

function coreAnswer(c: CoreItem, v: unknown): QuestionnaireResponseItemAnswer {
  if (c.type === 'choice') {
    const option = c.options?.find((o) => o.code === v);
    return { valueCoding: { system: CODE_SYSTEM.classification, code: String(v), ...(option ? { display: option.label.ja } : {}) } };
  }
  if (c.type === 'date') return { valueDate: v as string };
  if (c.type === 'boolean') return { valueBoolean: v as boolean };
  return { valueString: v as string };
}

/** The notification as a QuestionnaireResponse to its form version's Questionnaire. */
export function questionnaireResponseOf(def: FormDefinition, n: NotificationAnswers, meta: ResponseMeta = {}): QuestionnaireResponse {
  const core = coreItemsOf(def).flatMap((c) => {
    const v = n[c.key];
    return v === undefined || v === null || v === '' ? [] : [{ ...labelled(c.key, c.label), answer: [coreAnswer(c, v)] }];
  });
  return {
    resourceType: 'QuestionnaireResponse',
    ...(meta.id ? { id: meta.id } : {}),
    ...(meta.caseNumber ? { extension: [{ url: EXTENSION.caseNumber, valueIdentifier: { system: IDENTIFIER_SYSTEM.caseNumber, value: meta.caseNumber } }] } : {}),
    ...(meta.notificationId ? { identifier: { system: IDENTIFIER_SYSTEM.notification, value: meta.notificationId } } : {}),
    questionnaire: questionnaireCanonical(def),
    status: meta.status ?? 'completed',
    ...(meta.subject ? { subject: meta.subject } : {}),
    ...(meta.authored ? { authored: meta.authored } : {}),
    ...(meta.author ? { author: meta.author } : {}),
    item: [...core, ...responseItems(def, def.items, n.answers)],
  } as QuestionnaireResponse;
}

// --- expressions --------------------------------------------------------------------------------

const VALUE_KEY: Record<FormItem['type'] | CoreItem['type'], string> = {
  boolean: 'valueBoolean',
  choice: 'valueCoding',
  multi_choice: 'valueCoding',
  date: 'valueDate',
  integer: 'valueInteger',
  decimal: 'valueDecimal',
  text: 'valueString',
  string: 'valueString',
  group: '',
};

const itemWhere = (linkId: string) => `.item.where(linkId=${literal(linkId)})`;

/** Where a typed item's answer is: QuestionnaireResponse.item.where(linkId='onsetOn').answer[0].valueDate. */
export function coreExpression(key: CoreKey, root = ROOT): string {
  const c = CORE_ITEMS.find((i) => i.key === key)!;
  return `${root}${itemWhere(key)}.answer[0].${VALUE_KEY[c.type]}`;
}

/** Where an answer path (as validateAnswers reports it) is in the QuestionnaireResponse. */
export function answerExpression(def: FormDefinition, path: AnswerPath, root = ROOT): string {
  let expr = root;
  let items: FormItem[] | undefined = def.items;
  for (let i = 0; i < path.length; i++) {
    const id = String(path[i]);
    const item: FormItem | undefined = items?.find((x) => x.id === id);
    expr += itemWhere(id);
    if (!item) return expr;
    if (item.type === 'group') {
      if (item.repeats && typeof path[i + 1] === 'number') expr += `[${path[++i]}]`;
      items = item.items;
      continue;
    }
    const index = path[i + 1];
    if (item.type === 'multi_choice' && typeof index !== 'number') return `${expr}.answer`;
    return `${expr}.answer[${typeof index === 'number' ? index : 0}].${VALUE_KEY[item.type]}`;
  }
  return expr;
}

// --- QuestionnaireResponse -> answers -----------------------------------------------------------

const M = {
  unknown_item: (linkId: string, def: FormDefinition): Localized => ({
    ja: `「${linkId}」という項目は、この様式（${def.disease.ja} ${def.version}版）にはありません。`,
    en: `There is no item "${linkId}" in this form (${def.disease.en}, version ${def.version}).`,
  }),
  repeated: (l: Localized): Localized => ({ ja: `「${l.ja}」が複数回あります。`, en: `"${l.en}" appears more than once.` }),
  answers: (l: Localized): Localized => ({ ja: `「${l.ja}」の回答は1つにしてください。`, en: `"${l.en}" takes one answer.` }),
  nested: (l: Localized): Localized => ({ ja: `「${l.ja}」の下に項目は置けません。`, en: `"${l.en}" has no nested items.` }),
  type: (l: Localized, key: string): Localized => ({ ja: `「${l.ja}」の回答は ${key} で指定してください。`, en: `Answer "${l.en}" with ${key}.` }),
  system: (l: Localized, system: string): Localized => ({ ja: `「${l.ja}」のコード体系は ${system} です。`, en: `The code system of "${l.en}" is ${system}.` }),
  classification: { ja: '類型（classification）は必須です。', en: 'The classification is required.' },
  code: (l: Localized, code: string): Localized => ({ ja: `「${l.ja}」に「${code}」という選択肢はありません。`, en: `"${code}" is not an option of "${l.en}".` }),
  date: (l: Localized): Localized => ({ ja: `「${l.ja}」には1900年以降の実在する日付を入力してください。`, en: `"${l.en}" must be a real date from 1900 on.` }),
  long: (l: Localized, max: number): Localized => ({ ja: `「${l.ja}」は${max}文字以内で入力してください。`, en: `"${l.en}" must be at most ${max} characters.` }),
  groupAnswer: (l: Localized): Localized => ({ ja: `「${l.ja}」はグループです。回答ではなく項目を置いてください。`, en: `"${l.en}" is a group: give items, not answers.` }),
};

interface Reader {
  def: FormDefinition;
  issues: FhirIssue[];
}

const error = (r: Reader, expression: string, detail: string, message: Localized, code: FhirIssue['code'] = 'invalid') =>
  r.issues.push({ severity: 'error', code, detail, expression: [expression], message });

/** The one value of an answer under `key` (valueDate, …); undefined (and an issue) when it is not there. */
function valueOf(r: Reader, answer: QuestionnaireResponseItemAnswer, key: string, label: Localized, at: string): unknown {
  const a = answer as Record<string, unknown>;
  // valueInteger is a valid decimal answer.
  const v = a[key] ?? (key === 'valueDecimal' ? a.valueInteger : undefined);
  if (v === undefined) error(r, at, 'wrong_type', M.type(label, key), 'value');
  return v;
}

function readOption(r: Reader, item: FormItem, answer: QuestionnaireResponseItemAnswer, at: string): unknown {
  const coding = valueOf(r, answer, 'valueCoding', item.label, at) as Coding | undefined;
  if (!coding) return undefined;
  const system = optionSystem(r.def, item.id);
  if (coding.system !== undefined && coding.system !== system) return error(r, `${at}.system`, 'unknown_code', M.system(item.label, system), 'code-invalid');
  if (typeof coding.code !== 'string') return error(r, at, 'wrong_type', M.type(item.label, 'valueCoding.code'), 'value');
  const text = answer.extension?.find((e) => e.url === EXTENSION.otherText)?.valueString;
  return text !== undefined ? { code: coding.code, text } : coding.code;
}

function readItems(r: Reader, items: FormItem[], qrItems: QuestionnaireResponseItem[], base: string): Answers {
  const out: Answers = {};
  const seen = new Map<string, number>();
  for (const q of qrItems) {
    const n = seen.get(q.linkId) ?? 0;
    seen.set(q.linkId, n + 1);
    const item = items.find((i) => i.id === q.linkId);
    const at = `${base}${itemWhere(q.linkId)}`;
    if (!item) {
      error(r, at, 'unknown_item', M.unknown_item(q.linkId, r.def), 'structure');
      continue;
    }
    if (n > 0 && !item.repeats) {
      error(r, `${at}[${n}]`, 'repeated', M.repeated(item.label), 'structure');
      continue;
    }
    if (item.type === 'group') {
      if (q.answer?.length) error(r, `${at}.answer`, 'wrong_type', M.groupAnswer(item.label), 'structure');
      const entry = readItems(r, item.items ?? [], q.item ?? [], item.repeats ? `${at}[${n}]` : at);
      if (item.repeats) out[item.id] = [...((out[item.id] as Answers[] | undefined) ?? []), entry];
      else out[item.id] = entry;
      continue;
    }
    if (q.item?.length) error(r, `${at}.item`, 'nested', M.nested(item.label), 'structure');
    const answers = q.answer ?? [];
    if (answers.length === 0) continue;
    if (item.type !== 'multi_choice' && answers.length > 1) {
      error(r, `${at}.answer`, 'too_many_answers', M.answers(item.label), 'structure');
      continue;
    }
    if (item.type === 'multi_choice') {
      out[item.id] = answers.map((a, i) => readOption(r, item, a, `${at}.answer[${i}].valueCoding`));
    } else if (item.type === 'choice') {
      out[item.id] = readOption(r, item, answers[0], `${at}.answer[0].valueCoding`);
    } else {
      out[item.id] = valueOf(r, answers[0], VALUE_KEY[item.type], item.label, `${at}.answer[0].${VALUE_KEY[item.type]}`);
    }
  }
  return out;
}

function readCore(r: Reader, c: CoreItem, q: QuestionnaireResponseItem, into: Partial<NotificationAnswers>): void {
  const at = coreExpression(c.key);
  const answers = q.answer ?? [];
  if (answers.length === 0) return;
  if (answers.length > 1 || q.item?.length) return void error(r, `${ROOT}${itemWhere(c.key)}.answer`, 'too_many_answers', M.answers(c.label), 'structure');
  const v = valueOf(r, answers[0], VALUE_KEY[c.type], c.label, at);
  if (v === undefined) return;
  if (c.type === 'choice') {
    const coding = v as Coding;
    if (coding.system !== undefined && coding.system !== CODE_SYSTEM.classification) return void error(r, `${at}.system`, 'unknown_code', M.system(c.label, CODE_SYSTEM.classification), 'code-invalid');
    if (!CLASSIFICATIONS.includes(coding.code as Classification)) return void error(r, `${at}.code`, 'unknown_code', M.code(c.label, String(coding.code)), 'code-invalid');
    into.classification = coding.code as Classification;
  } else if (c.type === 'date') {
    if (!CalendarDate.safeParse(v).success) return void error(r, at, 'invalid_date', M.date(c.label), 'value');
    (into as Record<string, unknown>)[c.key] = v;
  } else if (c.type === 'string') {
    if ([...String(v)].length > OCCUPATION_MAX) return void error(r, at, 'too_long', M.long(c.label, OCCUPATION_MAX), 'value');
    (into as Record<string, unknown>)[c.key] = String(v).trim();
  } else {
    (into as Record<string, unknown>)[c.key] = v;
  }
}

/**
 * The answers of a QuestionnaireResponse to `def`'s Questionnaire, as the web form sends them, with
 * every problem (an item the version does not have, a wrong value type, an unknown code, an answer
 * the definition refuses) as an error issue; `value` only when there is none.
 */
export function answersFromQuestionnaireResponse(def: FormDefinition, qr: QuestionnaireResponse): { value?: NotificationAnswers; issues: FhirIssue[] } {
  const r: Reader = { def, issues: [] };
  const core = new Map(coreItemsOf(def).map((c) => [c.key as string, c]));
  const typed: Partial<NotificationAnswers> = {};
  const formItems: QuestionnaireResponseItem[] = [];
  const seenCore = new Set<string>();
  for (const q of qr.item ?? []) {
    const c = core.get(q.linkId);
    if (!c) {
      formItems.push(q);
      continue;
    }
    if (seenCore.has(q.linkId)) {
      error(r, `${ROOT}${itemWhere(q.linkId)}`, 'repeated', M.repeated(c.label), 'structure');
      continue;
    }
    seenCore.add(q.linkId);
    readCore(r, c, q, typed);
  }
  const answers = readItems(r, def.items, formItems, ROOT);
  if (!typed.classification && !r.issues.some((i) => i.expression[0].includes("'classification'"))) {
    error(r, `${ROOT}${itemWhere('classification')}`, 'legal_minimum_missing', M.classification, 'required');
  }
  if (r.issues.length === 0) {
    for (const e of validateAnswers(def, answers, 'law').errors) {
      r.issues.push({ severity: 'error', code: e.code === 'unknown_item' || e.code === 'not_enabled' ? 'structure' : 'value', detail: e.code, expression: [answerExpression(def, e.path)], message: e.message });
    }
  }
  if (r.issues.length) return { issues: r.issues };
  return { value: { ...typed, answers } as NotificationAnswers, issues: [] };
}

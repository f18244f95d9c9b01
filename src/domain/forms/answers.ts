// Answers to a form definition: which items apply, what is wrong, what is still missing. Pure, so
// the server validates and the browser form shows exactly the same thing.
//
// Answers are plain JSON keyed by item id: a group is an object, a repeating group an array of
// objects, a multi_choice an array of codes, a choice a code — or `{ code, text }` when the
// option takes a free-text specification (`other`), also inside a multi_choice.
import type { Localized } from '../messages.ts';
import { DISEASE_CATEGORIES, type EnableWhen, type FormDefinition, type FormItem, type ItemType } from './definition.ts';

export type AnswerPath = (string | number)[];
export type Answers = Record<string, unknown>;
/** Which gaps to report: 'submit' only what blocks submission, 'law' also the statutory rest. */
export type MissingLevel = 'submit' | 'law';

export type AnswerErrorCode =
  | 'wrong_type'
  | 'invalid_date'
  | 'unknown_item'
  | 'unknown_code'
  | 'duplicate_code'
  | 'exclusive_option'
  | 'other_text_not_allowed'
  | 'out_of_range'
  | 'too_long'
  | 'too_many_repeats'
  | 'not_enabled';

export interface AnswerError {
  path: AnswerPath;
  code: AnswerErrorCode;
  message: Localized;
}

export interface MissingAnswer {
  path: AnswerPath;
  level: MissingLevel;
}

export interface AnswerCheck {
  errors: AnswerError[];
  missing: MissingAnswer[];
}

/** The free text of an `other` option has a limit even when the item sets none. */
const OTHER_TEXT_MAX = 200;

const TYPE_NAMES: Record<Exclude<ItemType, 'group'>, Localized> = {
  boolean: { ja: 'はい／いいえ', en: 'yes or no' },
  choice: { ja: '選択肢のコード', en: 'an option code' },
  multi_choice: { ja: '選択肢のコードの一覧', en: 'a list of option codes' },
  date: { ja: '日付', en: 'a date' },
  integer: { ja: '整数', en: 'a whole number' },
  decimal: { ja: '数値', en: 'a number' },
  text: { ja: '文字列', en: 'text' },
};

const OBJECT_OF_ANSWERS: Localized = { ja: '項目ごとの回答', en: 'an object of answers' };

const MESSAGES = {
  wrong_type: (l: Localized, expected: Localized) => ({
    ja: `「${l.ja}」の回答の形式が正しくありません（${expected.ja}で入力してください）。`,
    en: `The answer to "${l.en}" has the wrong form (expected ${expected.en}).`,
  }),
  invalid_date: (l: Localized) => ({
    ja: `「${l.ja}」には実在する日付を YYYY-MM-DD の形式で入力してください。`,
    en: `Enter "${l.en}" as a real date in the form YYYY-MM-DD.`,
  }),
  unknown_item: (id: string, def: FormDefinition) => ({
    ja: `「${id}」という項目は、この様式（${def.disease.ja} ${def.version}版）にはありません。`,
    en: `There is no item "${id}" in this form (${def.disease.en}, version ${def.version}).`,
  }),
  unknown_code: (l: Localized, code: string) => ({
    ja: `「${l.ja}」に「${code}」という選択肢はありません。`,
    en: `"${code}" is not an option of "${l.en}".`,
  }),
  duplicate_code: (l: Localized) => ({
    ja: `「${l.ja}」で同じ選択肢が重複しています。`,
    en: `"${l.en}" lists the same option more than once.`,
  }),
  exclusive_option: (l: Localized, o: Localized) => ({
    ja: `「${l.ja}」の「${o.ja}」は、ほかの選択肢と同時には選べません。`,
    en: `"${o.en}" cannot be chosen together with other options of "${l.en}".`,
  }),
  other_text_not_allowed: (l: Localized, o: Localized) => ({
    ja: `「${l.ja}」の「${o.ja}」には補足の記述を付けられません。`,
    en: `The option "${o.en}" of "${l.en}" takes no free text.`,
  }),
  out_of_range: (l: Localized, min?: number, max?: number) =>
    min !== undefined && max !== undefined
      ? { ja: `「${l.ja}」は${min}から${max}までの値で入力してください。`, en: `"${l.en}" must be between ${min} and ${max}.` }
      : min !== undefined
        ? { ja: `「${l.ja}」は${min}以上の値で入力してください。`, en: `"${l.en}" must be at least ${min}.` }
        : { ja: `「${l.ja}」は${max}以下の値で入力してください。`, en: `"${l.en}" must be at most ${max}.` },
  too_long: (l: Localized, max: number) => ({
    ja: `「${l.ja}」は${max}文字以内で入力してください。`,
    en: `"${l.en}" must be at most ${max} characters.`,
  }),
  too_many_repeats: (l: Localized, max: number) => ({
    ja: `「${l.ja}」は${max}件まで入力できます。`,
    en: `"${l.en}" takes at most ${max} entries.`,
  }),
  not_enabled: (l: Localized) => ({
    ja: `「${l.ja}」は、ほかの回答の内容から入力の対象外です。回答を削除してください。`,
    en: `"${l.en}" does not apply given the other answers; remove its answer.`,
  }),
} satisfies Record<AnswerErrorCode, (...args: never[]) => Localized>;

/** Errors and gaps of `answers` under `def`; `missing` lists only enabled items. */
export function validateAnswers(def: FormDefinition, answers: unknown, level: MissingLevel): AnswerCheck {
  return evaluate(def, answers, level).check;
}

/**
 * Paths of the items that apply given the answers: items of non-repeating groups are listed even
 * when the group is still empty, items of repeating groups once per answered entry.
 */
export function enabledItems(def: FormDefinition, answers: unknown): AnswerPath[] {
  return evaluate(def, answers, 'law').enabled;
}

/** The version of `formId` in force on a calendar date (YYYY-MM-DD, Japan time), if any. */
export function selectForm<D extends FormDefinition>(defs: readonly D[], formId: string, onDate: string): D | undefined {
  // ISO dates compare as strings. Should versions overlap (versionSequenceProblems reports it),
  // the one that started last wins, so the answer never depends on file order.
  return defs
    .filter((d) => d.formId === formId && d.effectiveFrom <= onDate && (d.effectiveUntil === undefined || onDate < d.effectiveUntil))
    .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0];
}

/**
 * Each disease by its newest version (its name, category, deadline and methods as they stand now),
 * in the law's order of categories, then by Japanese name: the disease list of every screen and report.
 */
export function currentDiseases<D extends FormDefinition>(defs: readonly D[]): D[] {
  const newest = new Map<string, D>();
  for (const d of defs) if (!newest.has(d.formId) || d.effectiveFrom > newest.get(d.formId)!.effectiveFrom) newest.set(d.formId, d);
  return [...newest.values()].sort((a, b) => DISEASE_CATEGORIES.indexOf(a.category) - DISEASE_CATEGORIES.indexOf(b.category) || a.disease.ja.localeCompare(b.disease.ja, 'ja'));
}

/**
 * The 2022-09-26 rule: at least one of the four groups (a boolean of the `four_groups` group) is
 * true. True for forms without the rule. Callers exempt deaths (検案), which stay notifiable.
 */
export function meetsFourGroups(def: FormDefinition, answers: unknown): boolean {
  if (!def.requiresOneOfFourGroups) return true;
  const groups = isObject(answers) ? answers.four_groups : undefined;
  return isObject(groups) && Object.values(groups).some((v) => v === true);
}

// --- evaluation -------------------------------------------------------------------------------

/** Answers in scope for enableWhen, by item id (ids are unique in a definition). */
type Scope = Map<string, unknown>;
/** Stands for a wrong answer, or an item whose applicability is itself undecided: conditions on it are undecided too. */
const UNDECIDED = Symbol('undecided');

interface Run {
  def: FormDefinition;
  level: MissingLevel;
  check: AnswerCheck;
  enabled: AnswerPath[];
}

function evaluate(def: FormDefinition, answers: unknown, level: MissingLevel): Run {
  const run: Run = { def, level, check: { errors: [], missing: [] }, enabled: [] };
  if (!isObject(answers)) {
    error(run, [], 'wrong_type', MESSAGES.wrong_type({ ja: '回答', en: 'answers' }, OBJECT_OF_ANSWERS));
  } else {
    walk(run, def.items, answers, [], new Map(), true);
  }
  return run;
}

/**
 * Checks one list of items against one answer object and returns the scope it adds: the valid
 * answers of its enabled items, so that later items (and those after an enclosing group) can
 * depend on them. `reportMissing` is false inside a group nobody has answered: the group itself
 * is reported, not each of its children.
 */
function walk(run: Run, items: FormItem[], answers: Answers, path: AnswerPath, outer: Scope, reportMissing: boolean): Scope {
  const scope: Scope = new Map(outer);
  const known = new Set(items.map((i) => i.id));
  for (const key of Object.keys(answers)) {
    if (!known.has(key) && isAnswered(answers[key])) error(run, [...path, key], 'unknown_item', MESSAGES.unknown_item(key, run.def));
  }

  for (const item of items) {
    const at = [...path, item.id];
    const value = Object.hasOwn(answers, item.id) ? answers[item.id] : undefined;
    const answered = isAnswered(value);

    // A disabled item counts as unanswered for later conditions (as in FHIR), so a stale answer
    // cannot switch on its dependants. An item that depends on a wrong answer is left alone:
    // one error at the cause, not a cascade of guesses after it.
    const state = enabled(item, scope);
    if (state === undefined) {
      markUndecided(item, scope);
      continue;
    }
    if (!state) {
      if (answered) error(run, at, 'not_enabled', MESSAGES.not_enabled(item.label));
      continue;
    }
    run.enabled.push(at);

    if (!answered) {
      if (reportMissing && counts(item.required, run.level)) run.check.missing.push({ path: at, level: item.required });
      // Still walk an empty non-repeating group, so enabledItems can list its children.
      if (item.type === 'group' && !item.repeats) walk(run, item.items ?? [], {}, at, scope, false);
      continue;
    }

    if (item.type === 'group') {
      const inner = group(run, item, value, at, scope);
      if (!inner) markUndecided(item, scope);
      else for (const [id, v] of [...inner, [item.id, value] as const]) scope.set(id, v);
    } else {
      scope.set(item.id, checkValue(run, item, value, at) ? value : UNDECIDED);
    }
  }
  return scope;
}

/**
 * Walks a group's answer. Returns what a non-repeating group adds to the enclosing scope (an
 * empty map for a repeating one), or undefined when the answer has the wrong shape.
 */
function group(run: Run, item: FormItem, value: unknown, at: AnswerPath, scope: Scope): Scope | undefined {
  const children = item.items ?? [];
  if (!item.repeats) {
    if (isObject(value)) return walk(run, children, value, at, scope, true);
    wrongType(run, item, at, OBJECT_OF_ANSWERS);
    return undefined;
  }
  if (!Array.isArray(value) || !value.every(isObject)) {
    wrongType(run, item, at, { ja: '回答の一覧', en: 'a list of answer objects' });
    return undefined;
  }
  if (value.length > item.repeats.max) error(run, at, 'too_many_repeats', MESSAGES.too_many_repeats(item.label, item.repeats.max));
  // Each entry is its own scope: its answers are not visible outside it.
  value.forEach((entry, i) => walk(run, children, entry, [...at, i], scope, true));
  return new Map();
}

/** Checks a non-group answer; true when it is valid (and so may drive enableWhen). */
function checkValue(run: Run, item: FormItem, value: unknown, at: AnswerPath): boolean {
  const before = run.check.errors.length;
  const l = item.label;
  switch (item.type) {
    case 'boolean':
      if (typeof value !== 'boolean') wrongType(run, item, at);
      break;
    case 'integer':
    case 'decimal':
      if (typeof value !== 'number' || !Number.isFinite(value) || (item.type === 'integer' && !Number.isInteger(value))) {
        wrongType(run, item, at);
      } else if ((item.min !== undefined && value < item.min) || (item.max !== undefined && value > item.max)) {
        error(run, at, 'out_of_range', MESSAGES.out_of_range(l, item.min, item.max));
      }
      break;
    case 'date':
      if (typeof value !== 'string') wrongType(run, item, at);
      else if (!isCalendarDate(value)) error(run, at, 'invalid_date', MESSAGES.invalid_date(l));
      break;
    case 'text':
      if (typeof value !== 'string') wrongType(run, item, at);
      else if (item.maxLength !== undefined && length(value) > item.maxLength) error(run, at, 'too_long', MESSAGES.too_long(l, item.maxLength));
      break;
    case 'choice':
      checkOption(run, item, value, at);
      break;
    case 'multi_choice': {
      if (!Array.isArray(value)) {
        wrongType(run, item, at);
        break;
      }
      value.forEach((v, i) => checkOption(run, item, v, [...at, i]));
      const codes = value.map(codeOf);
      if (new Set(codes).size !== codes.length) error(run, at, 'duplicate_code', MESSAGES.duplicate_code(l));
      const exclusive = item.valueSet?.find((o) => o.exclusive && codes.includes(o.code));
      if (exclusive && codes.length > 1) error(run, at, 'exclusive_option', MESSAGES.exclusive_option(l, exclusive));
      break;
    }
    case 'group':
      break; // walked by the caller
  }
  return run.check.errors.length === before;
}

function checkOption(run: Run, item: FormItem, value: unknown, at: AnswerPath): void {
  const answer = optionAnswer(value);
  if (!answer) {
    wrongType(run, item, at, { ja: '選択肢のコード、または { code, text }', en: 'an option code or { code, text }' });
    return;
  }
  const l = item.label;
  const option = item.valueSet?.find((o) => o.code === answer.code);
  const max = item.maxLength ?? OTHER_TEXT_MAX;
  if (!option) {
    error(run, at, 'unknown_code', MESSAGES.unknown_code(l, answer.code));
  } else if (answer.text && !option.other) {
    error(run, at, 'other_text_not_allowed', MESSAGES.other_text_not_allowed(l, option));
  } else if (answer.text && length(answer.text) > max) {
    error(run, [...at, 'text'], 'too_long', MESSAGES.too_long(l, max));
  }
}

/** A choice answer, bare (`"code"`) or with its free text (`{ code, text }`); undefined if neither. */
function optionAnswer(value: unknown): { code: string; text?: string } | undefined {
  if (typeof value === 'string') return { code: value };
  if (!isObject(value) || typeof value.code !== 'string') return undefined;
  if (!Object.keys(value).every((k) => k === 'code' || k === 'text')) return undefined;
  if (value.text !== undefined && typeof value.text !== 'string') return undefined;
  return { code: value.code, text: value.text };
}

/** The item, and what a non-repeating group would have added to the scope. */
function markUndecided(item: FormItem, scope: Scope): void {
  scope.set(item.id, UNDECIDED);
  if (!item.repeats) for (const child of item.items ?? []) markUndecided(child, scope);
}

/** true, false, or undefined when a condition rests on an undecided answer (three-valued logic). */
function enabled(item: FormItem, scope: Scope): boolean | undefined {
  if (!item.enableWhen) return true;
  const results = item.enableWhen.map((c) => {
    const answer = scope.get(c.item);
    return answer === UNDECIDED ? undefined : holds(c, answer);
  });
  const [decisive, otherwise] = item.enableBehavior === 'any' ? [true, false] : [false, true];
  if (results.includes(decisive)) return decisive;
  return results.includes(undefined) ? undefined : otherwise;
}

/** A condition on a top-level answer (a disease rule's `require`, see logic-checks.ts). */
export function conditionHolds(cond: EnableWhen, answers: unknown): boolean {
  return holds(cond, isObject(answers) ? answers[cond.item] : undefined);
}

function holds(cond: EnableWhen, answer: unknown): boolean {
  const answered = isAnswered(answer);
  switch (cond.operator) {
    case 'exists':
      return answered === (cond.value ?? true);
    case 'includes':
      return Array.isArray(answer) && answer.some((v) => codeOf(v) === cond.value);
    case 'equals':
      return answered && codeOf(answer) === cond.value;
    // Unanswered is not "different": a dependant appears only once its condition is decided.
    case 'not_equals':
      return answered && codeOf(answer) !== cond.value;
  }
}

// --- small helpers ----------------------------------------------------------------------------

function error(run: Run, path: AnswerPath, code: AnswerErrorCode, message: Localized): void {
  run.check.errors.push({ path, code, message });
}

function wrongType(run: Run, item: FormItem, at: AnswerPath, expected?: Localized): void {
  const name = expected ?? (item.type === 'group' ? OBJECT_OF_ANSWERS : TYPE_NAMES[item.type]);
  error(run, at, 'wrong_type', MESSAGES.wrong_type(item.label, name));
}

function counts(required: FormItem['required'], level: MissingLevel): required is MissingLevel {
  return required === 'submit' || (required === 'law' && level === 'law');
}

/** null, '' and [] are how forms clear a field; an object counts once it holds an answer. */
function isAnswered(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isObject(value)) return Object.values(value).some(isAnswered);
  return true;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A choice answer by its code, whether given bare or as { code, text }. */
function codeOf(value: unknown): unknown {
  return isObject(value) ? value.code : value;
}

/** Characters as a person counts them (kanji outside the BMP are one, not two). */
function length(text: string): number {
  return [...text].length;
}

function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  return days !== undefined && d >= 1 && d <= days;
}

// A form definition: the disease-specific part of a 発生届 as data, one file per disease and
// version (DESIGN.md §2b). Shaped like a FHIR Questionnaire (linkId -> id, answerValueSet ->
// valueSet, enableWhen) so the eInfectionReport FHIR draft can be mapped later. The legal core
// (classification, identity, tests, dates) stays in typed columns; `core` only says how each
// version treats those columns.
import { z } from 'zod';
import { SPECIMENS, TEST_METHODS, type DiagnosisMethod } from '../lab-tests.ts';
import { LOGIC_RULE_IDS, type Classification } from '../logic-checks.ts';
import type { Localized } from '../messages.ts';

/**
 * The law's categories (感染症法第6条): 一類〜五類, 新型インフルエンザ等感染症 and 指定感染症 (COVID-19
 * from 2020-02-01 to 2021-02-12). The category decides who else hears of a notification at once.
 */
export const DISEASE_CATEGORIES = ['category_1', 'category_2', 'category_3', 'category_4', 'category_5', 'pandemic_influenza', 'designated'] as const;
export type DiseaseCategory = (typeof DISEASE_CATEGORIES)[number];

/** The categories' names as the law and IDWR write them: on screen, in the weekly report and its PDF. */
export const CATEGORY_NAMES: Record<DiseaseCategory, Localized> = {
  category_1: { ja: '一類感染症', en: 'Category 1' },
  category_2: { ja: '二類感染症', en: 'Category 2' },
  category_3: { ja: '三類感染症', en: 'Category 3' },
  category_4: { ja: '四類感染症', en: 'Category 4' },
  category_5: { ja: '五類感染症（全数把握）', en: 'Category 5 (every case notified)' },
  pandemic_influenza: { ja: '新型インフルエンザ等感染症', en: 'Pandemic influenza and similar diseases' },
  designated: { ja: '指定感染症', en: 'Designated infectious disease' },
};

/** 直ちに (categories 1–4, some of 5) or within 7 days of the diagnosis (most of category 5). */
export const DEADLINES = ['immediate', 'within_7_days'] as const;
export type Deadline = (typeof DEADLINES)[number];

/** The five 類型 of the law's forms; each disease's definition lists the ones it takes. */
export const ALL_CLASSIFICATIONS = ['patient', 'asymptomatic_carrier', 'suspected', 'deceased', 'suspected_deceased'] as const satisfies readonly Classification[];

/** 'submit' blocks submission (the Q&A 5 minimum); 'law' is statutory but may follow later. */
export const REQUIRED_LEVELS = ['submit', 'law', 'optional'] as const;
export type RequiredLevel = (typeof REQUIRED_LEVELS)[number];

export const CORE_LEVELS = [...REQUIRED_LEVELS, 'not_collected'] as const;
export type CoreLevel = (typeof CORE_LEVELS)[number];

/** Typed notification fields whose requiredness changed between versions (2022-06-30 ordinance). */
export const CORE_FIELDS = [
  'occupation',
  'registeredAddress',
  'initialConsultationDate',
  'specimenCollectedDate',
  'onsetDate',
  'estimatedInfectionDate',
  'deathDate',
  'guardianAddress',
  'guardianPhone',
] as const;
export type CoreField = (typeof CORE_FIELDS)[number];

export const ITEM_TYPES = ['boolean', 'choice', 'multi_choice', 'date', 'integer', 'decimal', 'text', 'group'] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

export const OPERATORS = ['equals', 'not_equals', 'includes', 'exists'] as const;
export type Operator = (typeof OPERATORS)[number];

export interface AnswerOption extends Localized {
  code: string;
  /** The answer may carry a free-text specification: その他（　）. */
  other?: boolean;
  /** Cannot be chosen together with another option (なし in a multi_choice). */
  exclusive?: boolean;
}

export interface EnableWhen {
  item: string;
  operator: Operator;
  /** Compared with the answer (a choice by its code); for 'exists', true (default) or false. */
  value?: string | number | boolean;
}

export interface FormItem {
  id: string;
  type: ItemType;
  label: Localized;
  help?: Localized;
  valueSet?: AnswerOption[];
  required: RequiredLevel;
  enableWhen?: EnableWhen[];
  enableBehavior?: 'all' | 'any';
  min?: number;
  max?: number;
  /** For text, and for the free text of an `other` option. */
  maxLength?: number;
  repeats?: { max: number };
  items?: FormItem[];
}

/**
 * A disease's own logic check, as data: when the notification's classification is one of
 * `classifications` (any, when absent), the answer to the top-level item `require.item` must
 * meet the condition.
 */
export interface DiseaseRule {
  id: string;
  severity: 'error' | 'warning';
  classifications?: Classification[];
  require: EnableWhen;
  message: Localized;
}

/** Where a definition's wording and rules come from (届出基準・届出様式 and their revisions). */
export interface Source {
  title: string;
  url?: string;
  /** The notice's date, yyyy-mm-dd. */
  date: string;
}

export interface FormDefinition {
  formId: string;
  version: string;
  title?: Localized;
  disease: Localized & { code: string };
  category: DiseaseCategory;
  deadline: Deadline;
  /** The 類型 this disease's form takes (not every disease has 疑似症患者 or 無症状病原体保有者). */
  classifications: Classification[];
  /** 診断方法: the methods the criteria accept, each with the specimens they name. */
  diagnosis: { methods: DiagnosisMethod[] };
  /** Shared logic checks (src/domain/logic-checks.ts) that do not apply to this disease, and its own rules. */
  logicChecks?: { off?: string[]; rules?: DiseaseRule[] };
  sources: Source[];
  effectiveFrom: string;
  /** Exclusive: the next version starts on this date. */
  effectiveUntil?: string;
  /** みなし陽性: a clinical diagnosis without a test may be notified. */
  allowsClinicalDiagnosis: boolean;
  /** Only the four groups are notifiable (2022-09-26); the notification rules apply it. */
  requiresOneOfFourGroups: boolean;
  core: Record<CoreField, CoreLevel>;
  items: FormItem[];
  /** For maintainers: sources and assumptions behind this file. */
  notes?: string[];
}

const LocalizedSchema = z.strictObject({ ja: z.string().min(1), en: z.string().min(1) });
// Ids and codes are stored with the answers for years: keep them plain and stable.
const Id = z.string().regex(/^[a-z][a-z0-9_]*$/, { error: 'snake_case' });
const Code = z.string().regex(/^[a-z0-9][a-z0-9_]*$/, { error: 'lower-case letters, digits and _' });

const AnswerOptionSchema = z.strictObject({
  code: Code,
  ja: z.string().min(1),
  en: z.string().min(1),
  other: z.boolean().optional(),
  exclusive: z.boolean().optional(),
});

const EnableWhenSchema = z.strictObject({
  item: Id,
  operator: z.enum(OPERATORS),
  value: z.union([z.string(), z.number(), z.boolean()]).optional(),
});

export const FormItem: z.ZodType<FormItem> = z.strictObject({
  id: Id,
  type: z.enum(ITEM_TYPES),
  label: LocalizedSchema,
  help: LocalizedSchema.optional(),
  valueSet: z.array(AnswerOptionSchema).min(1).optional(),
  required: z.enum(REQUIRED_LEVELS),
  enableWhen: z.array(EnableWhenSchema).min(1).optional(),
  enableBehavior: z.enum(['all', 'any']).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  maxLength: z.number().int().positive().optional(),
  repeats: z.strictObject({ max: z.number().int().min(2) }).optional(),
  get items() {
    return z.array(FormItem).min(1).optional();
  },
});

const IsoDate = z.iso.date();

const DiagnosisMethodSchema = z.strictObject({
  method: z.enum(TEST_METHODS),
  specimens: z.array(z.enum(SPECIMENS)).min(1),
});

const DiseaseRuleSchema = z.strictObject({
  id: z.string().regex(/^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/, { error: 'an id like TB-LTBI-TREATMENT' }),
  severity: z.enum(['error', 'warning']),
  classifications: z.array(z.enum(ALL_CLASSIFICATIONS)).min(1).optional(),
  require: EnableWhenSchema,
  message: LocalizedSchema,
});

export const FormDefinition: z.ZodType<FormDefinition> = z
  .strictObject({
    formId: Id,
    version: z.string().regex(/^[0-9A-Za-z][0-9A-Za-z._-]*$/),
    title: LocalizedSchema.optional(),
    disease: z.strictObject({ code: Code, ja: z.string().min(1), en: z.string().min(1) }),
    category: z.enum(DISEASE_CATEGORIES),
    deadline: z.enum(DEADLINES),
    classifications: z.array(z.enum(ALL_CLASSIFICATIONS)).min(1),
    diagnosis: z.strictObject({ methods: z.array(DiagnosisMethodSchema).min(1) }),
    logicChecks: z
      .strictObject({ off: z.array(z.string()).min(1).optional(), rules: z.array(DiseaseRuleSchema).min(1).optional() })
      .optional(),
    sources: z.array(z.strictObject({ title: z.string().min(1), url: z.url().optional(), date: IsoDate })).min(1),
    effectiveFrom: IsoDate,
    effectiveUntil: IsoDate.optional(),
    allowsClinicalDiagnosis: z.boolean(),
    requiresOneOfFourGroups: z.boolean(),
    // An enum-keyed record is exhaustive: every core field must be given a level.
    core: z.record(z.enum(CORE_FIELDS), z.enum(CORE_LEVELS)),
    items: z.array(FormItem).min(1),
    notes: z.array(z.string()).optional(),
  })
  .superRefine((def, ctx) => {
    if (def.effectiveUntil !== undefined && def.effectiveUntil <= def.effectiveFrom) {
      ctx.addIssue({ code: 'custom', path: ['effectiveUntil'], message: 'must be after effectiveFrom' });
    }
    for (const p of definitionProblems(def.items)) ctx.addIssue({ code: 'custom', ...p });
    for (const p of diseaseProblems(def)) ctx.addIssue({ code: 'custom', ...p });
  });

/** The disease-level fields: one form per disease, methods once each, rules on items that exist. */
function diseaseProblems(def: FormDefinition): { path: Path; message: string }[] {
  const problems: { path: Path; message: string }[] = [];
  if (def.formId !== def.disease.code) problems.push({ path: ['formId'], message: 'a form is named by its disease code' });
  if (new Set(def.classifications).size !== def.classifications.length) problems.push({ path: ['classifications'], message: 'duplicate classification' });
  const methods = def.diagnosis.methods.map((m) => m.method);
  if (new Set(methods).size !== methods.length) problems.push({ path: ['diagnosis', 'methods'], message: 'a method is listed once' });
  def.diagnosis.methods.forEach((m, i) => {
    if (new Set(m.specimens).size !== m.specimens.length) problems.push({ path: ['diagnosis', 'methods', i, 'specimens'], message: 'duplicate specimen' });
  });
  def.logicChecks?.off?.forEach((id, i) => {
    if (!LOGIC_RULE_IDS.includes(id)) problems.push({ path: ['logicChecks', 'off', i], message: `no shared logic check "${id}"` });
  });
  // A rule reads a top-level answer: the notification's facts carry the answers as filed.
  const top = new Map(def.items.map((i) => [i.id, i]));
  def.logicChecks?.rules?.forEach((r, i) => {
    const problem = conditionProblem(r.require, top.get(r.require.item));
    if (problem) problems.push({ path: ['logicChecks', 'rules', i, 'require'], message: problem });
    const outside = (r.classifications ?? []).filter((c) => !def.classifications.includes(c));
    if (outside.length) problems.push({ path: ['logicChecks', 'rules', i, 'classifications'], message: `not a classification of this form: ${outside.join(', ')}` });
  });
  return problems;
}

type Path = (string | number)[];

/** Rules the item shapes cannot express: unique ids, per-type fields, enableWhen in scope. */
function definitionProblems(items: FormItem[]): { path: Path; message: string }[] {
  const problems: { path: Path; message: string }[] = [];
  const seen = new Set<string>();

  // `visible`: items an enableWhen may refer to — earlier items of this list and of the lists
  // enclosing it, and (through them) the children of non-repeating groups. Items inside a
  // repeating group are visible only within the same instance, since elsewhere "which
  // instance" has no answer.
  function walk(list: FormItem[], path: Path, visible: Map<string, FormItem>): void {
    const scope = new Map(visible);
    list.forEach((item, i) => {
      const at: Path = [...path, i];
      const fail = (message: string, ...sub: Path) => problems.push({ path: [...at, ...sub], message });

      if (seen.has(item.id)) fail(`duplicate item id "${item.id}"`, 'id');
      seen.add(item.id);

      const choice = item.type === 'choice' || item.type === 'multi_choice';
      if (choice && !item.valueSet) fail('a choice needs a valueSet', 'valueSet');
      if (!choice && item.valueSet) fail(`a ${item.type} item has no valueSet`, 'valueSet');
      const codes = (item.valueSet ?? []).map((o) => o.code);
      if (new Set(codes).size !== codes.length) fail('duplicate code in the valueSet', 'valueSet');
      if (item.type !== 'multi_choice' && item.valueSet?.some((o) => o.exclusive)) {
        fail('only a multi_choice option can be exclusive', 'valueSet');
      }
      const numeric = item.type === 'integer' || item.type === 'decimal';
      if (!numeric && (item.min !== undefined || item.max !== undefined)) fail('min/max are for numbers');
      if (item.min !== undefined && item.max !== undefined && item.min > item.max) fail('min is above max', 'min');
      if (item.type === 'integer' && [item.min, item.max].some((n) => n !== undefined && !Number.isInteger(n))) {
        fail('integer bounds must be integers');
      }
      if (item.maxLength !== undefined && item.type !== 'text' && !choice) fail('maxLength is for text', 'maxLength');
      if (item.type === 'group' && !item.items) fail('a group needs items', 'items');
      if (item.type !== 'group' && item.items) fail(`a ${item.type} item has no items`, 'items');
      if (item.type !== 'group' && item.repeats) fail('only groups repeat', 'repeats');

      item.enableWhen?.forEach((cond, j) => {
        const problem = conditionProblem(cond, scope.get(cond.item));
        if (problem) fail(problem, 'enableWhen', j);
      });

      if (item.items) walk(item.items, [...at, 'items'], scope);
      scope.set(item.id, item);
      if (item.items && !item.repeats) for (const [id, child] of descendants(item.items)) scope.set(id, child);
    });
  }

  walk(items, ['items'], new Map());
  return problems;
}

/** Children visible from outside a non-repeating group: down to, not into, repeating groups. */
function descendants(items: FormItem[]): [string, FormItem][] {
  return items.flatMap((item): [string, FormItem][] => [
    [item.id, item],
    ...(item.items && !item.repeats ? descendants(item.items) : []),
  ]);
}

function conditionProblem(cond: EnableWhen, target: FormItem | undefined): string | undefined {
  if (!target) return `enableWhen refers to "${cond.item}", which is not an earlier item in scope`;
  const { operator, value } = cond;
  if (operator === 'exists') return value === undefined || typeof value === 'boolean' ? undefined : 'exists takes true or false';
  if (value === undefined) return `${operator} needs a value`;
  if (target.type === 'group') return 'a group can only be tested with exists';
  if ((operator === 'includes') !== (target.type === 'multi_choice')) {
    return 'use includes for a multi_choice item, and only for it';
  }
  if (target.valueSet) {
    return target.valueSet.some((o) => o.code === value) ? undefined : `"${String(value)}" is not a code of "${target.id}"`;
  }
  const expected = target.type === 'boolean' ? 'boolean' : target.type === 'integer' || target.type === 'decimal' ? 'number' : 'string';
  return typeof value === expected ? undefined : `the value must be a ${expected} to match "${target.id}"`;
}

/**
 * Overlaps and gaps between the versions of each form (English, for maintainers). selectForm
 * needs exactly one version per date, so whoever loads the definition files checks this.
 */
export function versionSequenceProblems(defs: readonly FormDefinition[]): string[] {
  const problems: string[] = [];
  const byForm = new Map<string, FormDefinition[]>();
  for (const d of defs) byForm.set(d.formId, [...(byForm.get(d.formId) ?? []), d]);
  for (const [formId, versions] of byForm) {
    const sorted = [...versions].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
    const names = sorted.map((d) => d.version);
    if (new Set(names).size !== names.length) problems.push(`${formId}: duplicate version`);
    for (let i = 1; i < sorted.length; i++) {
      const [prev, next] = [sorted[i - 1], sorted[i]];
      const until = prev.effectiveUntil;
      if (until === undefined || until > next.effectiveFrom) {
        problems.push(`${formId}: ${prev.version} overlaps ${next.version}`);
      } else if (until < next.effectiveFrom) {
        problems.push(`${formId}: gap from ${until} to ${next.effectiveFrom} after ${prev.version}`);
      }
    }
  }
  return problems;
}

// The 発生届 form, built from the form definition in force: the legal minimum first (Q&A 5:
// classification, the person from the case, location, the diagnosis method = the tests) with
// the items the version requires before 「報告」, then the statutory items that may follow later and
// the optional ones in sections that open on demand. Read-only without `onChange`.
import { useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { enabledItems } from '../../domain/forms/answers.ts';
import type { CoreField, CoreLevel, FormDefinition, FormItem } from '../../domain/forms/definition.ts';
import { CLASSIFICATION_LABELS, CLASSIFICATIONS, CORE_COLUMNS, type Classification } from '../../domain/notification.ts';
import { localized } from '../i18n.ts';
import type { CaseView, DraftValues, NotificationView } from '../screens/notify/checks.ts';
import { ageAt, formatDate } from '../screens/notify/forms.ts';
import { CheckField, FieldContext, RadioField, SelectField, ShownField, TextField, type Requirement } from './NotificationFields.tsx';
import { FormItems, setIn } from './NotificationFormItems.tsx';

type Column = (typeof CORE_COLUMNS)[keyof typeof CORE_COLUMNS];
type Level = 'first' | 'later' | 'optional';

const DECEASED: readonly Classification[] = ['deceased', 'suspected_deceased'];

const levelOfCore = (l: CoreLevel): Level | null => (l === 'submit' ? 'first' : l === 'law' ? 'later' : l === 'optional' ? 'optional' : null);
const levelOfItem = (i: FormItem): Level => (i.required === 'submit' ? 'first' : i.required === 'law' ? 'later' : 'optional');
const requirementOf = (l: Level): Requirement => (l === 'first' ? 'submit' : l === 'later' ? 'law' : undefined);

interface Props {
  form: FormDefinition;
  values: DraftValues;
  onChange?: (patch: Partial<DraftValues>) => void;
  kase: CaseView;
  notification: NotificationView;
  /** The tests of the case and, where allowed, their editing. */
  tests: ReactNode;
  /** Whether the doctor's name is typed here (a fax or paper notification keyed in by a centre). */
  doctorNameEditable: boolean;
  /** Autofocus the classification (a new draft). */
  autoFocus?: boolean;
  /**
   * A way to enter or correct an identity item of the person (they live on the case, 基本情報),
   * shown at an item that is empty or has a message; `field` names the person's field to focus.
   */
  fixPerson?: (field: string, label: string) => ReactNode;
}

export function NotificationForm({ form, values, onChange, kase, notification, tests, doctorNameEditable, autoFocus, fixPerson }: Props) {
  const { t, i18n } = useTranslation();
  const { messages } = useContext(FieldContext);
  const lang = i18n.language;
  const ro = !onChange;
  const set = onChange;
  const deceased = DECEASED.includes(values.classification);

  const enabled = useMemo(() => new Set(enabledItems(form, values.answers).map((p) => p.join('.'))), [form, values.answers]);
  const onAnswer = set && ((path: (string | number)[], v: unknown) => set({ answers: setIn(values.answers, path, v) as Record<string, unknown> }));

  /** The notification's own typed items this version collects, by where they go. */
  const core = (level: Level) =>
    (Object.entries(CORE_COLUMNS) as [CoreField, Column][]).filter(([field, column]) => {
      if (column === 'deathOn') return level === 'first' ? deceased || !!values.deathOn : false;
      return levelOfCore(form.core[field]) === level;
    });
  const coreField = ([, column]: [CoreField, Column], level: Level) =>
    column === 'occupation' ? (
      <TextField
        key={column}
        fieldKey={column}
        label={t('ntf.field.occupation')}
        requirement={requirementOf(level)}
        maxLength={100}
        value={values.occupation}
        onValue={set && ((v) => set({ occupation: v || null }))}
      />
    ) : (
      <TextField
        key={column}
        fieldKey={column}
        label={t(`ntf.field.${column}`)}
        requirement={column === 'deathOn' ? 'legal' : requirementOf(level)}
        type="date"
        className="date"
        value={values[column]}
        onValue={set && ((v) => set({ [column]: v || null }))}
      />
    );
  const items = (level: Level) => form.items.filter((i) => levelOfItem(i) === level);
  const hasSymptomItem = form.items.some((i) => i.id === 'symptoms');
  const hasAdmittedItem = form.items.some((i) => i.id === 'admitted_at_report');
  const boolSelect = (key: 'symptomatic' | 'admitted', label: string) => (
    <SelectField
      fieldKey={key}
      label={label}
      value={values[key] === true ? 'yes' : values[key] === false ? 'no' : ''}
      placeholder={t('ntf.unanswered')}
      options={[
        { value: 'yes', label: t('ntf.yes') },
        { value: 'no', label: t('ntf.no') },
      ]}
      onValue={set && ((v) => set({ [key]: v === 'yes' ? true : v === 'no' ? false : null }))}
    />
  );

  const keysOf = (level: Level) => [
    ...core(level).map(([, c]) => c),
    ...items(level).map((i) => `answers.${i.id}`),
    ...(level === 'later' && !hasSymptomItem ? ['symptomatic'] : []),
    ...(level === 'later' && !hasAdmittedItem ? ['admitted'] : []),
  ];
  const count = (level: Level, severity: 'error' | 'warning' | 'missing') =>
    [...messages].filter(([k, list]) => keysOf(level).some((p) => k === p || k.startsWith(`${p}.`)) && list.some((m) => m.severity === severity)).length;

  const p = kase.person;
  const age = ageAt(p.birthDate, values.diagnosedOn);
  /** The link to fix an identity item, where it lacks a value or has a message. */
  const fix = (key: string, field: string, label: string, empty: boolean) =>
    fixPerson && (empty || messages.has(key)) ? <> {fixPerson(field, label)}</> : null;

  return (
    <div className="notification-form">
      <section className="form-section" aria-labelledby="sec-minimum">
        <h2 id="sec-minimum">{t('ntf.section.minimum')}</h2>
        <p className="help">{t('ntf.section.minimumHelp')}</p>
        <RadioField
          fieldKey="classification"
          legend={t('cases.classification')}
          requirement="legal"
          value={values.classification}
          options={classificationsOf(form, values.classification).map((c) => ({ value: c, label: localized(CLASSIFICATION_LABELS[c]) }))}
          onValue={set && ((v) => set({ classification: v as Classification }))}
          className="classification"
        />
        {autoFocus && !ro && <AutoFocus selector="#f-classification input:checked, #f-classification input" />}
        <dl className="identity">
          <ShownField fieldKey="person.name" label={t('reg.name')} requirement="legal">
            {p.nameKanji}（{p.nameKana}）{fix('person.name', 'nameKanji', t('reg.name'), false)}
          </ShownField>
          <ShownField fieldKey="person.sex" label={t('cases.sex')} requirement="legal">
            {t(`sex.${p.sex}`)}
            {fix('person.sex', 'sex', t('cases.sex'), false)}
          </ShownField>
          <ShownField fieldKey="person.birthDate" label={t('cases.birthDate')} requirement="legal">
            {formatDate(p.birthDate, lang)}
            {age !== undefined && <> （{t('reg.age', { age })}）</>}
            {fix('person.birthDate', 'birthDate', t('cases.birthDate'), false)}
          </ShownField>
          <ShownField fieldKey="person.residenceAddress" label={t('reg.residenceAddress')} requirement="legal">
            {p.residenceAddress ?? (p.registeredAddress ? `${p.registeredAddress}（${t('reg.registeredAddress')}）` : t('ntf.notEntered'))}
            {fix('person.residenceAddress', 'residenceAddress', t('reg.residenceAddress'), !p.residenceAddress)}
          </ShownField>
          {(messages.has('guardian.name') || messages.has('guardian.phone') || p.guardian.name) && (
            <>
              <ShownField fieldKey="guardian.name" label={t('reg.guardianName')}>
                {p.guardian.name ?? t('ntf.notEntered')}
                {fix('guardian.name', 'guardianName', t('reg.guardianName'), !p.guardian.name)}
              </ShownField>
              <ShownField fieldKey="guardian.phone" label={t('reg.guardianPhone')}>
                {p.guardian.phone ?? t('ntf.notEntered')}
                {fix('guardian.phone', 'guardianPhone', t('reg.guardianPhone'), !p.guardian.phone)}
              </ShownField>
            </>
          )}
        </dl>
        <TextField
          fieldKey="diagnosedOn"
          label={t('ntf.field.diagnosedOn')}
          type="date"
          className="date"
          help={t('ntf.formVersion', { title: localized(form.title ?? form.disease), version: form.version })}
          value={values.diagnosedOn}
          onValue={set && ((v) => set({ diagnosedOn: v || null }))}
        />
        <fieldset className="group diagnosis-method">
          <legend>
            {t('ntf.diagnosisMethod')} <span className="req req-legal">{t('ntf.req.legal')}</span>
          </legend>
          {tests}
          {(form.allowsClinicalDiagnosis || values.clinicalDiagnosis) && (
            <CheckField
              fieldKey="clinicalDiagnosis"
              label={t('ntf.field.clinicalDiagnosis')}
              help={t('ntf.field.clinicalDiagnosisHelp')}
              checked={values.clinicalDiagnosis}
              onValue={set && ((v) => set({ clinicalDiagnosis: v }))}
            />
          )}
        </fieldset>
        {core('first').map((c) => coreField(c, 'first'))}
        <FormItems items={items('first')} answers={values.answers} base={[]} enabled={enabled} onAnswer={onAnswer} />
        <dl className="identity reporter">
          <ShownField fieldKey="reporter.name" label={t('ntf.reporter')}>
            {notification.institutionName ?? '—'}
            {notification.source !== 'direct' && <>（{t(`ntf.source.${notification.source}`)}）</>}
          </ShownField>
          <ShownField fieldKey="reporter.address" label={t('ntf.reporterAddress')}>
            {notification.institutionAddress ?? t('ntf.notEntered')}
          </ShownField>
          <ShownField fieldKey="reporter.phone" label={t('ntf.reporterPhone')}>
            {notification.institutionPhone ?? t('ntf.notEntered')}
          </ShownField>
          {!doctorNameEditable && (
            <ShownField fieldKey="doctorName" label={t('ntf.doctorName')}>
              {notification.doctorName ?? t('ntf.doctorFromId')}
            </ShownField>
          )}
        </dl>
        {doctorNameEditable && (
          <TextField fieldKey="doctorName" label={t('ntf.doctorName')} maxLength={100} value={values.doctorName} onValue={set && ((v) => set({ doctorName: v || null }))} />
        )}
      </section>

      <Section id="later" title={t('ntf.section.later')} help={t('ntf.section.laterHelp')} errors={count('later', 'error')} warnings={count('later', 'warning')} missing={count('later', 'missing')} readOnly={ro}>
        {core('later').map((c) => coreField(c, 'later'))}
        {!hasSymptomItem && boolSelect('symptomatic', t('ntf.field.symptomatic'))}
        {!hasAdmittedItem && boolSelect('admitted', t('ntf.field.admitted'))}
        <FormItems items={items('later')} answers={values.answers} base={[]} enabled={enabled} onAnswer={onAnswer} />
      </Section>

      <Section id="optional" title={t('ntf.section.optional')} errors={count('optional', 'error')} warnings={count('optional', 'warning')} missing={0} readOnly={ro}>
        {core('optional').map((c) => coreField(c, 'optional'))}
        <FormItems items={items('optional')} answers={values.answers} base={[]} enabled={enabled} onAnswer={onAnswer} />
      </Section>
    </div>
  );
}

/** A section that may be filled later: closed until opened, or until it holds an error or a warning. */
function Section(props: { id: string; title: string; help?: string; errors: number; warnings: number; missing: number; readOnly: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  const attention = props.errors + props.warnings > 0;
  const [open, setOpen] = useState(attention);
  useEffect(() => {
    if (attention) setOpen(true);
  }, [attention]);
  return (
    <details className="form-section later" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        <span className="summary-title">{props.title}</span>
        {props.errors > 0 && <span className="badge badge-error">{t('ntf.count.errors', { count: props.errors })}</span>}
        {props.warnings > 0 && <span className="badge badge-warning">{t('ntf.count.warnings', { count: props.warnings })}</span>}
        {props.missing > 0 && <span className="badge">{t('ntf.count.missing', { count: props.missing })}</span>}
      </summary>
      {props.help && <p className="help">{props.help}</p>}
      {props.children}
    </details>
  );
}

/** Focus a control once, when the form first appears. */
function AutoFocus({ selector }: { selector: string }) {
  useEffect(() => {
    (document.querySelector(selector) as HTMLElement | null)?.focus();
    // once
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return null;
}

/** The disease's 類型, and the one a notification holds should its form not offer it (the check says so). */
export function classificationsOf(form: FormDefinition, current?: Classification | ''): Classification[] {
  const offered = CLASSIFICATIONS.filter((c) => form.classifications.includes(c));
  return current && !offered.includes(current) ? CLASSIFICATIONS.filter((c) => c === current || offered.includes(c)) : offered;
}

// The disease-specific items of a 発生届, drawn from the form definition (src/domain/forms): each
// item type has its control, enableWhen hides what does not apply (enabledItems, the same function
// the server validates with), groups are fieldsets and repeating groups a list of entries.
import { useTranslation } from 'react-i18next';
import type { AnswerPath } from '../../domain/forms/answers.ts';
import type { FormItem } from '../../domain/forms/definition.ts';
import { localized } from '../i18n.ts';
import { fieldId } from '../screens/notify/checks.ts';
import { CheckField, FieldMessages, SelectField, TextAreaField, TextField, useDescribed, type Requirement } from './NotificationFields.tsx';

type Answers = Record<string, unknown>;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const blank = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

export function getIn(answers: unknown, path: AnswerPath): unknown {
  return path.reduce<unknown>((v, k) => (Array.isArray(v) ? v[k as number] : isObject(v) ? v[k as string] : undefined), answers);
}

/** The answers with one value set (or removed, when blank); entries of repeating groups are kept even when empty. */
export function setIn(obj: unknown, path: AnswerPath, value: unknown): unknown {
  if (!path.length) return value;
  const [k, ...rest] = path;
  if (typeof k === 'number') {
    const list = Array.isArray(obj) ? [...obj] : [];
    list[k] = setIn(list[k], rest, value) ?? {};
    return list;
  }
  const o: Answers = isObject(obj) ? { ...obj } : {};
  const v = setIn(o[k!], rest, value);
  if (blank(v)) delete o[k!];
  else o[k!] = v;
  return o;
}

const requirementOf = (item: FormItem): Requirement => (item.required === 'submit' ? 'submit' : item.required === 'law' ? 'law' : undefined);
const keyOf = (path: AnswerPath) => ['answers', ...path].join('.');

/** A group of booleans only, such as the four groups: a checklist where what is not ticked is false. */
export const isChecklist = (item: FormItem) => item.type === 'group' && !item.repeats && !!item.items?.every((c) => c.type === 'boolean' && !c.items);

interface ItemsProps {
  items: FormItem[];
  answers: Answers;
  /** The container's path in the answers: [] at the top, ['vaccination', 0] in an entry. */
  base: AnswerPath;
  /** Enabled item paths, joined with '.'. */
  enabled: ReadonlySet<string>;
  /** Absent when read-only. */
  onAnswer?: (path: AnswerPath, value: unknown) => void;
}

export function FormItems(props: ItemsProps) {
  return (
    <>
      {props.items
        .filter((item) => props.enabled.has([...props.base, item.id].join('.')))
        .map((item) => (
          <Item key={item.id} item={item} {...props} />
        ))}
    </>
  );
}

function Item({ item, answers, base, enabled, onAnswer }: ItemsProps & { item: FormItem }) {
  const { t } = useTranslation();
  const path = [...base, item.id];
  const key = keyOf(path);
  const value = getIn(answers, path);
  const label = localized(item.label);
  const help = item.help ? localized(item.help) : undefined;
  const set = onAnswer ? (v: unknown) => onAnswer(path, v) : undefined;
  const requirement = requirementOf(item);

  switch (item.type) {
    case 'group':
      if (isChecklist(item)) return <Checklist item={item} path={path} value={value} onAnswer={onAnswer} />;
      if (item.repeats) return <Repeating item={item} path={path} answers={answers} enabled={enabled} onAnswer={onAnswer} />;
      return (
        <fieldset className="group" id={fieldId(key)}>
          <legend>{label}</legend>
          {help && <p className="help">{help}</p>}
          <FieldMessages fieldKey={key} />
          <FormItems items={item.items ?? []} answers={answers} base={path} enabled={enabled} onAnswer={onAnswer} />
        </fieldset>
      );
    case 'boolean':
      return (
        <SelectField
          fieldKey={key}
          label={label}
          help={help}
          requirement={requirement}
          value={value === true ? 'yes' : value === false ? 'no' : ''}
          placeholder={t('ntf.unanswered')}
          options={[
            { value: 'yes', label: t('ntf.yes') },
            { value: 'no', label: t('ntf.no') },
          ]}
          onValue={set && ((v) => set(v === 'yes' ? true : v === 'no' ? false : null))}
        />
      );
    case 'choice':
      return <Choice item={item} fieldKey={key} value={value} set={set} />;
    case 'multi_choice':
      return <MultiChoice item={item} fieldKey={key} value={value} set={set} />;
    case 'date':
      return <TextField fieldKey={key} label={label} help={help} requirement={requirement} type="date" value={typeof value === 'string' ? value : ''} onValue={set && ((v) => set(v || null))} />;
    case 'integer':
    case 'decimal':
      return (
        <TextField
          fieldKey={key}
          label={label}
          help={help}
          requirement={requirement}
          type="number"
          inputMode={item.type === 'integer' ? 'numeric' : 'decimal'}
          min={item.min}
          max={item.max}
          step={item.type === 'integer' ? 1 : 'any'}
          className="narrow"
          value={typeof value === 'number' ? String(value) : ''}
          onValue={set && ((v) => set(v === '' || !Number.isFinite(Number(v)) ? null : Number(v)))}
        />
      );
    case 'text':
      return (item.maxLength ?? 0) > 200 ? (
        <TextAreaField fieldKey={key} label={label} help={help} requirement={requirement} rows={3} maxLength={item.maxLength} value={typeof value === 'string' ? value : ''} onValue={set && ((v) => set(v))} />
      ) : (
        <TextField fieldKey={key} label={label} help={help} requirement={requirement} maxLength={item.maxLength} value={typeof value === 'string' ? value : ''} onValue={set && ((v) => set(v))} />
      );
  }
}

/** Booleans ticked in a list: ticking one answers them all (the rest false), as on the paper form. */
function Checklist({ item, path, value, onAnswer }: { item: FormItem; path: AnswerPath; value: unknown; onAnswer?: ItemsProps['onAnswer'] }) {
  const key = keyOf(path);
  const current = isObject(value) ? value : {};
  const aria = useDescribed(key, item.help ? localized(item.help) : undefined);
  return (
    <fieldset className={`group checklist ${aria['aria-invalid'] ? 'invalid' : ''}`} id={aria.id} aria-describedby={aria['aria-describedby']}>
      <legend>
        {localized(item.label)}
        {item.required === 'submit' && <> <RequiredMark /></>}
      </legend>
      {item.help && (
        <p className="help" id={`${aria.id}-help`}>
          {localized(item.help)}
        </p>
      )}
      {(item.items ?? []).map((child) => (
        <CheckField
          key={child.id}
          fieldKey={keyOf([...path, child.id])}
          label={localized(child.label)}
          help={child.help ? localized(child.help) : undefined}
          checked={current[child.id] === true}
          onValue={
            onAnswer &&
            ((on) => onAnswer(path, { ...Object.fromEntries((item.items ?? []).map((c) => [c.id, current[c.id] === true])), [child.id]: on }))
          }
        />
      ))}
      <FieldMessages fieldKey={key} />
    </fieldset>
  );
}

function RequiredMark() {
  const { t } = useTranslation();
  return <span className="req req-submit">{t('ntf.req.submit')}</span>;
}

function Repeating({ item, path, answers, enabled, onAnswer }: { item: FormItem; path: AnswerPath; answers: Answers; enabled: ReadonlySet<string>; onAnswer?: ItemsProps['onAnswer'] }) {
  const { t } = useTranslation();
  const entries = (Array.isArray(getIn(answers, path)) ? getIn(answers, path) : []) as unknown[];
  const label = localized(item.label);
  const max = item.repeats?.max ?? 1;
  return (
    <fieldset className="group repeating" id={fieldId(keyOf(path))}>
      <legend>{label}</legend>
      {item.help && <p className="help">{localized(item.help)}</p>}
      <FieldMessages fieldKey={keyOf(path)} />
      {entries.map((_, i) => (
        <fieldset className="entry" key={i}>
          <legend>{t('ntf.entry', { label, n: i + 1 })}</legend>
          <FormItems items={item.items ?? []} answers={answers} base={[...path, i]} enabled={enabled} onAnswer={onAnswer} />
          {onAnswer && (
            <button type="button" className="secondary" onClick={() => onAnswer(path, entries.filter((_, j) => j !== i))}>
              {t('ntf.removeEntry', { label, n: i + 1 })}
            </button>
          )}
        </fieldset>
      ))}
      {onAnswer && entries.length < max && (
        <button type="button" className="secondary" onClick={() => onAnswer(path, [...entries, {}])}>
          {t('ntf.addEntry', { label })}
        </button>
      )}
    </fieldset>
  );
}

const codeOf = (v: unknown) => (isObject(v) ? v.code : v);
const textOf = (v: unknown) => (isObject(v) && typeof v.text === 'string' ? v.text : '');

function Choice({ item, fieldKey, value, set }: { item: FormItem; fieldKey: string; value: unknown; set?: (v: unknown) => void }) {
  const { t } = useTranslation();
  const code = typeof codeOf(value) === 'string' ? (codeOf(value) as string) : '';
  const option = item.valueSet?.find((o) => o.code === code);
  return (
    <>
      <SelectField
        fieldKey={fieldKey}
        label={localized(item.label)}
        help={item.help ? localized(item.help) : undefined}
        requirement={requirementOf(item)}
        value={code}
        placeholder={t('ntf.unanswered')}
        options={(item.valueSet ?? []).map((o) => ({ value: o.code, label: localized(o) }))}
        onValue={set && ((v) => set(v || null))}
      />
      {option?.other && (
        <TextField
          fieldKey={`${fieldKey}.other`}
          label={t('ntf.otherText', { label: localized(item.label) })}
          maxLength={item.maxLength ?? 200}
          value={textOf(value)}
          onValue={set && ((text) => set(text ? { code, text } : code))}
        />
      )}
    </>
  );
}

function MultiChoice({ item, fieldKey, value, set }: { item: FormItem; fieldKey: string; value: unknown; set?: (v: unknown) => void }) {
  const { t } = useTranslation();
  const chosen = Array.isArray(value) ? value : [];
  const has = (c: string) => chosen.some((v) => codeOf(v) === c);
  const aria = useDescribed(fieldKey, item.help ? localized(item.help) : undefined);
  const toggle = (c: string, on: boolean) => {
    const option = item.valueSet?.find((o) => o.code === c);
    let next = chosen.filter((v) => codeOf(v) !== c);
    if (on) {
      // なし and the like stand alone.
      next = option?.exclusive ? [] : next.filter((v) => !item.valueSet?.find((o) => o.code === codeOf(v))?.exclusive);
      next.push(c);
    }
    set?.(next);
  };
  return (
    <fieldset className={`field group multi ${aria['aria-invalid'] ? 'invalid' : ''}`} id={aria.id} aria-describedby={aria['aria-describedby']}>
      <legend>
        {localized(item.label)}
        {requirementOf(item) && ' '}
        {requirementOf(item) && <span className={`req req-${requirementOf(item)}`}>{t(`ntf.req.${requirementOf(item)}`)}</span>}
      </legend>
      {item.help && (
        <p className="help" id={`${aria.id}-help`}>
          {localized(item.help)}
        </p>
      )}
      <div className="options">
        {(item.valueSet ?? []).map((o) => (
          <label key={o.code} className="option">
            <input type="checkbox" checked={has(o.code)} disabled={!set} onChange={(e) => toggle(o.code, e.currentTarget.checked)} /> {localized(o)}
          </label>
        ))}
      </div>
      {(item.valueSet ?? [])
        .filter((o) => o.other && has(o.code))
        .map((o) => (
          <TextField
            key={o.code}
            fieldKey={`${fieldKey}.${o.code}.other`}
            label={t('ntf.otherText', { label: `${localized(item.label)}：${localized(o)}` })}
            maxLength={item.maxLength ?? 200}
            value={textOf(chosen.find((v) => codeOf(v) === o.code))}
            onValue={set && ((text) => set(chosen.map((v) => (codeOf(v) === o.code ? (text ? { code: o.code, text } : o.code) : v))))}
          />
        ))}
      <FieldMessages fieldKey={fieldKey} />
    </fieldset>
  );
}

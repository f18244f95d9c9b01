// 「同じ世帯の患者と同じ住所」 on registration: the HER-SYS ID of a household member who is a case
// already fills this person's 所在地, 住所 and phone from that case. Only a case the user may see
// is found (the case list and the case are read under row-level security), and the reading is the
// server's ordinary audited one: the search (cases.search, with the ID as its filter) and the
// opening (cases.read, with the purpose below). The HER-SYS ID goes in the search's query string:
// it is a random case number, not personal data (case-number.ts), and the server logs no query.
import { useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CaseDetail, CaseList } from '../../../domain/api/cases.ts';
import { isValidCaseNumber } from '../../../domain/case-number.ts';
import { api, ApiError, query } from '../../api.ts';
import { localized } from '../../i18n.ts';

/** The purpose the audit log records for the reading (in Japanese, like the rest of the trail). */
const PURPOSE = '患者登録（同一世帯の住所・電話番号の転記）';

export interface HouseholdContact {
  residenceAddress?: string;
  registeredAddress?: string;
  phone?: string;
}

type Status = { kind: 'idle' } | { kind: 'busy' } | { kind: 'message'; text: string; error: boolean };

export function HouseholdCopy({ onCopy }: { onCopy: (copied: HouseholdContact) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [number, setNumber] = useState('');
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  const copy = async () => {
    const n = number.normalize('NFKC').replace(/\s|-/g, '');
    if (!isValidCaseNumber(n)) {
      setStatus({ kind: 'message', text: t('household.invalid'), error: true });
      return;
    }
    setStatus({ kind: 'busy' });
    try {
      const found = await api.get(`/api/cases${query({ caseNumber: n, limit: 1 })}`, CaseList);
      const hit = found.cases[0];
      if (!hit) {
        setStatus({ kind: 'message', text: t('household.notFound', { number: n }), error: true });
        return;
      }
      const { person } = await api.get(`/api/cases/${hit.caseId}`, CaseDetail, { 'x-hersys-purpose': encodeURIComponent(PURPOSE) });
      const copied: HouseholdContact = {};
      if (person.residenceAddress) copied.residenceAddress = person.residenceAddress;
      if (person.registeredAddress) copied.registeredAddress = person.registeredAddress;
      if (person.phone) copied.phone = person.phone;
      const what = (Object.keys(copied) as (keyof HouseholdContact)[]).map((k) => t(`household.what.${k}`));
      const name = hit.maskedName;
      if (!what.length) {
        setStatus({ kind: 'message', text: t('household.nothing', { name, number: n }), error: true });
        return;
      }
      onCopy(copied);
      setStatus({ kind: 'message', text: t('household.copied', { name, number: n, what: what.join(t('household.and')) }), error: false });
    } catch (err) {
      setStatus({ kind: 'message', text: err instanceof ApiError ? localized(err.problem.message) : t('postal.failed'), error: true });
    }
  };

  // Enter copies; it must not submit the registration around it.
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    void copy();
  };

  return (
    // Closed until wanted: a keyboard-only entry passes it with one Tab.
    <details className="more" aria-labelledby={`${id}-title`}>
      <summary id={`${id}-title`}>{t('household.title')}</summary>
      <p className="help" id={`${id}-help`}>
        {t('household.help')}
      </p>
      <div className="field narrow">
        <label htmlFor={id}>{t('household.caseNumber')}</label>
        <input
          id={id}
          inputMode="numeric"
          autoComplete="off"
          maxLength={12}
          aria-describedby={`${id}-help ${id}-status`}
          value={number}
          onChange={(e) => setNumber(e.currentTarget.value)}
          onKeyDown={onKey}
        />
      </div>
      <div className="actions">
        <button type="button" className="secondary" disabled={status.kind === 'busy'} onClick={() => void copy()}>
          {t('household.copy')}
        </button>
      </div>
      <p className={status.kind === 'message' && status.error ? 'error' : 'help'} id={`${id}-status`} role="status" aria-live="polite">
        {status.kind === 'busy' ? t('household.busy') : status.kind === 'message' ? status.text : ''}
      </p>
    </details>
  );
}

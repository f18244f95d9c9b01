// 郵便番号: the 7 digits fill the prefecture, city and town (町域) into an address field, from Japan
// Post's data on the server (POST /api/postal-codes/lookup; the data is too big for the browser).
// A code shared by several towns offers them as a choice; the rest of the address (番地, building)
// is the user's to type, and what they typed by hand is never overwritten unasked. What happened is
// said in a live status line. The code itself is a typing aid and is not saved.
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { fillAddress, KEN_ALL_DATE, normalizePostalCode } from '../../domain/address/postal-code.ts';
import { PostalCodeLookup } from '../../domain/api/postal-codes.ts';
import { api } from '../api.ts';

type Candidate = z.infer<typeof PostalCodeLookup>['candidates'][number];
type Status =
  | { kind: 'idle' }
  | { kind: 'looking' }
  | { kind: 'filled'; address: string; wholeCity: boolean }
  | { kind: 'several'; count: number }
  | { kind: 'kept'; address: string }
  | { kind: 'unknown'; code: string }
  | { kind: 'failed' };

/** The start all candidates share (the prefecture and city when only the town differs). */
function sharedPlace(candidates: Candidate[]): string | null {
  const first = candidates[0]!;
  return candidates.every((c) => c.prefecture === first.prefecture && c.city === first.city) ? first.prefecture + first.city : null;
}

export function PostalCodeField({ address, onAddress, addressLabel }: { address: string; onAddress: (address: string) => void; addressLabel: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [typed, setTyped] = useState('');
  const [candidates, setCandidates] = useState<Candidate[]>([]);
  const [chosen, setChosen] = useState('');
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  /** The code asked last: an older answer arriving late is dropped. */
  const asked = useRef<string | null>(null);
  /** The place this field put into the address last, so that a corrected code replaces only it. */
  const placed = useRef<string | null>(null);
  const current = useRef(address);
  current.current = address;

  const put = (c: Candidate, replace = false) => {
    const next = replace ? c.address : fillAddress(current.current, c.address, placed.current);
    if (next === null) {
      setStatus({ kind: 'kept', address: c.address });
      return;
    }
    placed.current = c.address;
    onAddress(next);
    setStatus({ kind: 'filled', address: c.address, wholeCity: c.town === '' });
  };

  const lookUp = async (code: string) => {
    asked.current = code;
    setStatus({ kind: 'looking' });
    setCandidates([]);
    setChosen('');
    try {
      const r = await api.post('/api/postal-codes/lookup', { postalCode: code }, PostalCodeLookup);
      if (asked.current !== code) return;
      setCandidates(r.candidates);
      if (r.candidates.length === 0) setStatus({ kind: 'unknown', code: `${code.slice(0, 3)}-${code.slice(3)}` });
      else if (r.candidates.length === 1) put(r.candidates[0]!);
      else {
        // The shared prefecture and city go in at once, into an empty or earlier-filled field only.
        const shared = sharedPlace(r.candidates);
        const next = shared ? fillAddress(current.current, shared, placed.current) : null;
        if (shared && next !== null) {
          placed.current = shared;
          onAddress(next);
        }
        setStatus({ kind: 'several', count: r.candidates.length });
      }
    } catch {
      if (asked.current === code) setStatus({ kind: 'failed' });
    }
  };

  const onTyped = (value: string) => {
    setTyped(value);
    const code = normalizePostalCode(value);
    if (code && code !== asked.current) void lookUp(code);
    if (!code) {
      asked.current = null;
      setCandidates([]);
      setStatus({ kind: 'idle' });
    }
  };

  const keptCandidate = status.kind === 'kept' ? candidates.find((c) => c.address === status.address) : undefined;
  const field = addressLabel;
  // What was filled is no news once the address was replaced from elsewhere (e.g. a household member's).
  const stale = status.kind === 'filled' && !address.startsWith(status.address);
  const message =
    stale ? ''
    : status.kind === 'looking' ? t('postal.looking')
    : status.kind === 'filled' ? t(status.wholeCity ? 'postal.wholeCity' : 'postal.filled', { field, address: status.address })
    : status.kind === 'several' ? t('postal.several', { count: status.count })
    : status.kind === 'kept' ? t('postal.kept', { field, address: status.address })
    : status.kind === 'unknown' ? t('postal.unknown', { code: status.code })
    : status.kind === 'failed' ? t('postal.failed')
    : '';

  return (
    <div className="postal-code">
      <div className="row">
        <div className="field narrow">
          <label htmlFor={id}>{t('postal.label')}</label>
          <input
            id={id}
            inputMode="numeric"
            autoComplete="off"
            maxLength={10}
            placeholder="123-4567"
            aria-describedby={`${id}-help ${id}-status`}
            value={typed}
            onChange={(e) => onTyped(e.currentTarget.value)}
          />
        </div>
        {candidates.length > 1 && (
          <div className="field">
            <label htmlFor={`${id}-town`}>{t('postal.town')}</label>
            <select
              id={`${id}-town`}
              value={chosen}
              onChange={(e) => {
                const v = e.currentTarget.value;
                setChosen(v);
                if (v !== '') put(candidates[Number(v)]!);
              }}
            >
              <option value="">{t('postal.chooseTown')}</option>
              {candidates.map((c, i) => (
                <option key={i} value={String(i)}>
                  {c.town ? `${c.town}（${c.city}）` : c.city}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      <p className="help" id={`${id}-help`}>
        {t('postal.help', { field, date: KEN_ALL_DATE })}
      </p>
      <p className="help" id={`${id}-status`} role="status" aria-live="polite">
        {message}
      </p>
      {keptCandidate && (
        <div className="actions">
          <button type="button" className="secondary" onClick={() => put(keptCandidate, true)}>
            {t('postal.replace')}
          </button>
        </div>
      )}
    </div>
  );
}

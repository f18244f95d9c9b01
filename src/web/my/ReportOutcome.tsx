// What the server answered to a report, in live regions that are on the page before the answer
// comes (so screen readers announce it): values that need the centre ask the patient to call it now
// — its number as a tel: link — and 119 in an emergency; other reports get a thank-you.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { pickLocalized } from './i18n.ts';
import type { SelfReportOutcome } from './types.ts';

/** A phone number as a tel: address: digits and a leading +. */
const telOf = (phone: string) => `tel:${phone.replace(/[^\d+]/g, '')}`;

export function ReportOutcome({ outcome }: { outcome: { result: SelfReportOutcome; corrected: boolean } | null }) {
  const { t, i18n } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  // The form that was sent is gone: the answer takes the focus, so keyboard users land on it.
  useEffect(() => heading.current?.focus(), [outcome]);
  const call = outcome?.result.callCentre ? outcome.result : null;
  const centre = call && (i18n.language === 'en' ? call.centre.nameEn : call.centre.nameJa);
  return (
    <>
      <div role="alert">
        {call && (
          <div className="my-call">
            <h3 ref={heading} tabIndex={-1}>
              {t('result.callTitle')}
            </h3>
            <p>{t('result.callBody')}</p>
            {call.alerts.length > 0 && (
              <ul>
                {call.alerts.map((a) => (
                  <li key={a.rule}>{pickLocalized(a.message)}</li>
                ))}
              </ul>
            )}
            {call.centre.phone ? (
              <a className="my-call-link" href={telOf(call.centre.phone)}>
                {t('result.callCentre', { name: centre, phone: call.centre.phone })}
              </a>
            ) : (
              <p>{t('result.noPhone', { name: centre })}</p>
            )}
            <p>{t('result.emergency')}</p>
            <a className="my-call-link my-emergency" href="tel:119">
              {t('result.call119')}
            </a>
          </div>
        )}
      </div>
      <div role="status">
        {outcome && !call && (
          <p className="my-thanks">
            <strong ref={heading} tabIndex={-1}>
              {t(outcome.corrected ? 'result.corrected' : 'result.thanks')}
            </strong>
          </p>
        )}
      </div>
    </>
  );
}

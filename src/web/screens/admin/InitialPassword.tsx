// The initial password of a new or reset ID. The server gives it once and keeps only its hash, so
// this panel says so plainly and makes the hand-over easy: grouped for reading aloud, a copy of ID
// and password together, a printable slip. Closing it forgets the password.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface Handover {
  loginId: string;
  displayName: string;
  orgName: string;
  password: string;
}

export function InitialPassword({ handover, onClose }: { handover: Handover; onClose: () => void }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState(false);
  useEffect(() => heading.current?.focus(), []);
  const { loginId, displayName, orgName, password } = handover;
  const slip = [
    `${t('admin.org')}: ${orgName}`,
    `${t('admin.displayName')}: ${displayName}`,
    `${t('admin.loginId')}: ${loginId}`,
    `${t('admin.pw.password')}: ${password}`,
    `${t('admin.pw.url')}: ${location.origin}/`,
    t('admin.pw.firstLogin'),
  ].join('\n');
  const copy = async () => {
    await navigator.clipboard.writeText(slip);
    setCopied(true);
  };
  return (
    <section className="admin-initial-password" aria-labelledby="initial-password-title">
      <h2 id="initial-password-title" tabIndex={-1} ref={heading}>
        {t('admin.pw.title')}
      </h2>
      <p className="admin-warning">
        <strong>{t('admin.pw.once')}</strong>
      </p>
      <dl>
        <dt>{t('admin.org')}</dt>
        <dd>{orgName}</dd>
        <dt>{t('admin.displayName')}</dt>
        <dd>{displayName}</dd>
        <dt>{t('admin.loginId')}</dt>
        <dd>
          <code data-testid="issued-login-id">{loginId}</code>
        </dd>
        <dt>{t('admin.pw.password')}</dt>
        <dd>
          {/* Groups of four for reading aloud; copying the text gives the password without spaces. */}
          <code className="admin-password" data-testid="initial-password">
            {password.match(/.{1,4}/g)!.map((chunk, i) => (
              <span key={i}>{chunk}</span>
            ))}
          </code>
        </dd>
        <dt>{t('admin.pw.url')}</dt>
        <dd>
          <code>{location.origin}/</code>
        </dd>
      </dl>
      <p>{t('admin.pw.firstLogin')}</p>
      <p className="help">{t('admin.pw.handoverHelp')}</p>
      <div className="admin-actions admin-no-print">
        <button type="button" onClick={() => void copy()}>
          {t('admin.pw.copy')}
        </button>
        <button type="button" className="secondary" onClick={() => window.print()}>
          {t('admin.pw.print')}
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          {t('admin.pw.done')}
        </button>
      </div>
      <p role="status" className="admin-no-print">
        {copied ? t('admin.pw.copied') : ''}
      </p>
    </section>
  );
}

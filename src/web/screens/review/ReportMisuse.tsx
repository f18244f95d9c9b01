// 通報窓口: report suspected misuse. Signed in (/report-misuse, from every screen's footer) the report
// goes with the user's ID to their prefecture's officers; the public form (/report-misuse/public, no
// login, like /self-register) asks which prefecture, and a name and contact only if the reporter
// wants an answer.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ReportFiled, ReportOrganizations } from '../../../domain/api/review.ts';
import { api } from '../../api.ts';
import { Field, fieldError, SelectField, TextAreaField } from '../../components/Form.tsx';
import { Loading } from '../../components/Loading.tsx';
import { loadScreenTexts, setLang } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { ErrorBox, text, useAction, useLoad } from '../case/shared.tsx';

export function ReportMisuseScreen() {
  const { t, i18n } = useTranslation();
  const { me } = useSession();
  const org = i18n.language === 'en' ? me!.organization.nameEn : me!.organization.nameJa;
  return (
    <>
      <h1>{t('rv.reportTitle')}</h1>
      <p>{t('rv.reportIntro')}</p>
      <p>{t('rv.reportSignedIn', { org })}</p>
      <ReportForm signedIn />
    </>
  );
}

/** The public form, outside the staff frame: its own language switch and landmark. */
export function PublicReportScreen() {
  const { t, i18n } = useTranslation();
  const [ready, setReady] = useState(false);
  useEffect(() => {
    void loadScreenTexts().then(() => setReady(true));
  }, []);
  if (!ready) return <Loading />;
  const en = i18n.language === 'en';
  return (
    <div className="rv-public">
      <header className="top">
        <span className="brand">{t('app.name')}</span>
        <button type="button" className="link" lang={en ? 'ja' : 'en'} onClick={() => void setLang(en ? 'ja' : 'en')}>
          {t('rv.lang')}
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        <h1>{t('rv.reportTitle')}</h1>
        <p>{t('rv.reportIntro')}</p>
        <ReportForm signedIn={false} />
        <p>
          <a href="/">{t('rv.toLogin')}</a>
        </p>
      </main>
    </div>
  );
}

function ReportForm({ signedIn }: { signedIn: boolean }) {
  const { t, i18n } = useTranslation();
  const orgs = useLoad(() => api.get('/api/misuse-reports/organizations', ReportOrganizations), []);
  const action = useAction();
  const [received, setReceived] = useState(false);
  const name = (o: { nameJa: string; nameEn: string }) => (i18n.language === 'en' ? o.nameEn : o.nameJa);
  if (received) return <p role="status">{t('rv.received')}</p>;
  return (
    <form
      className="rv-report"
      onSubmit={action.run(async (f) => {
        const body = { what: text(f, 'what') ?? '', happened: text(f, 'happened'), suspect: text(f, 'suspect'), suspectOrgId: text(f, 'suspectOrgId') };
        if (signedIn) await api.post('/api/misuse-reports', body, ReportFiled);
        else await api.post('/api/misuse-reports/public', { ...body, prefectureId: text(f, 'prefectureId') ?? '', name: text(f, 'name'), contact: text(f, 'contact') }, ReportFiled);
        setReceived(true);
      })}
    >
      <ErrorBox error={orgs.error} />
      {!signedIn && (
        <SelectField
          label={t('rv.fPrefecture')}
          name="prefectureId"
          required
          empty={t('rv.fChoose')}
          options={(orgs.data?.prefectures ?? []).map((o) => ({ value: o.id, label: name(o) }))}
          error={fieldError(action.error, 'prefectureId')}
        />
      )}
      <TextAreaField label={t('rv.fWhat')} name="what" required maxLength={4000} rows={5} error={fieldError(action.error, 'what')} />
      <Field label={t('rv.fWhen')} name="happened" maxLength={200} error={fieldError(action.error, 'happened')} />
      <Field label={t('rv.fWho')} name="suspect" maxLength={200} error={fieldError(action.error, 'suspect')} />
      <SelectField
        label={t('rv.fOrg')}
        name="suspectOrgId"
        empty={t('rv.fOrgNone')}
        options={(orgs.data?.organizations ?? []).map((o) => ({ value: o.id, label: name(o) }))}
        error={fieldError(action.error, 'suspectOrgId')}
      />
      {!signedIn && (
        <>
          <Field label={t('rv.fName')} name="name" maxLength={100} autoComplete="name" />
          <Field label={t('rv.fContact')} name="contact" maxLength={254} help={t('rv.fContactHelp')} error={fieldError(action.error, 'contact')} />
        </>
      )}
      <button type="submit" disabled={action.busy}>
        {t('rv.send')}
      </button>
      <ErrorBox error={action.error} />
    </form>
  );
}

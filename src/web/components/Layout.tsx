// The frame of every screen after login: who is logged in, the menu, the language switch, logout.
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { can } from '../../domain/permissions.ts';
import { mayReadRetention } from '../../domain/privacy/retention-access.ts';
import { reviewsRegistrations } from '../../domain/self-registration.ts';
import { prefersEra, setPrefersEra } from '../dates.ts';
import { setLang } from '../i18n.ts';
import { useSession } from '../session.tsx';

export function Layout({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const { me, logout } = useSession();
  if (!me) return null;
  const en = i18n.language === 'en';
  // The Japanese calendar (令和…) is a reader's choice; screens read it when they draw dates.
  const [era, setEra] = useState(prefersEra);
  const toggleEra = (on: boolean) => {
    setPrefersEra(on);
    setEra(on);
  };
  return (
    <>
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="top">
        <span className="brand">{t('app.name')}</span>
        <nav aria-label={t('nav.main')}>
          <NavLink to="/">{t('nav.home')}</NavLink>
          {can(me.user.roles, 'cases.read') && <NavLink to="/cases">{t('nav.cases')}</NavLink>}
          {/* nav: registration */}
          {can(me.user.roles, 'cases.register') && <NavLink to="/register">{t('nav.register')}</NavLink>}
          {can(me.user.roles, 'cases.register') && <NavLink to="/bulk-uploads">{t('nav.bulkUpload')}</NavLink>}
          {reviewsRegistrations({ orgKind: me.organization.kind, roles: me.user.roles }) && <NavLink to="/registrations">{t('rg.nav')}</NavLink>}
          {/* nav: the daily aggregate report */}
          {can(me.user.roles, 'daily_reports.file') && me.organization.kind === 'medical_institution' && <NavLink to="/daily-report">{t('nav.dailyReport')}</NavLink>}
          {can(me.user.roles, 'daily_reports.monitor') && <NavLink to="/daily-reports/area">{t('nav.dailyReports')}</NavLink>}
          {/* nav: leak incidents and the compliance report */}
          {can(me.user.roles, 'incidents.manage') && <NavLink to="/incidents">{t('nav.incidents')}</NavLink>}
          {can(me.user.roles, 'compliance.read') && <NavLink to="/compliance">{t('nav.compliance')}</NavLink>}
          {/* nav: counting */}
          {can(me.user.roles, 'statistics.counts') && <NavLink to="/statistics">{t('nav.statistics')}</NavLink>}
          {can(me.user.roles, 'weekly_report.read') && <NavLink to="/weekly-report">{t('nav.weeklyReport')}</NavLink>}
          {/* nav: administration */}
          {can(me.user.roles, 'users.manage') && <NavLink to="/admin">{t('admin.nav')}</NavLink>}
          {/* nav: access review */}
          {can(me.user.roles, 'access_review.read') && <NavLink to="/review">{t('rv.nav')}</NavLink>}
          {/* nav: break-the-glass */}
          {can(me.user.roles, 'break_glass.review') && me.organization.kind === 'health_center' && (
            <NavLink to="/break-glass/centre" end>
              {t('nav.breakGlassCentre')}
            </NavLink>
          )}
          {can(me.user.roles, 'break_glass.request') && (
            <NavLink to="/break-glass" end>
              {t('nav.breakGlass')}
            </NavLink>
          )}
          {/* nav: pseudonymised extracts */}
          {can(me.user.roles, 'extracts.create') && (
            <NavLink to="/extracts" end>
              {t('nav.extracts')}
            </NavLink>
          )}
          {can(me.user.roles, 'extracts.read') && <NavLink to="/extracts/log">{t('nav.extractLog')}</NavLink>}
          {/* nav: retention */}
          {mayReadRetention(me.user.roles, me.organization.kind) && <NavLink to="/retention">{t('nav.retention')}</NavLink>}
          {/* nav: helpdesk access and the contractor inspection */}
          {can(me.user.roles, 'helpdesk.review') && me.organization.kind === 'health_center' && (
            <NavLink to="/helpdesk/centre" end>
              {t('nav.helpdeskCentre')}
            </NavLink>
          )}
          {can(me.user.roles, 'helpdesk.request') && (
            <NavLink to="/helpdesk" end>
              {t('nav.helpdesk')}
            </NavLink>
          )}
          {can(me.user.roles, 'compliance.read') && <NavLink to="/compliance/inspection">{t('nav.inspection')}</NavLink>}
          {/* nav: exports */}
          {can(me.user.roles, 'export') && (
            <NavLink to="/exports" end>
              {t('nav.exports')}
            </NavLink>
          )}
          {can(me.user.roles, 'export') && <NavLink to="/exports/approvals">{t('nav.exportApprovals')}</NavLink>}
        </nav>
        <span className="who">
          {me.user.displayName} / {en ? me.organization.nameEn : me.organization.nameJa}
        </span>
        {!en && (
          <label className="era">
            <input type="checkbox" checked={era} onChange={(e) => toggleEra(e.currentTarget.checked)} /> {t('date.era')}
          </label>
        )}
        <button type="button" className="link" lang={en ? 'ja' : 'en'} onClick={() => void setLang(en ? 'ja' : 'en')}>
          {t('lang.switch')}
        </button>
        <button type="button" onClick={() => void logout()}>
          {t('nav.logout')}
        </button>
      </header>
      {/* Keyed by the calendar choice: switching redraws the screen's dates. */}
      <main id="main" tabIndex={-1} key={era ? 'era' : 'western'}>
        {children}
      </main>
      {/* 通報窓口 from every screen (issue 12). */}
      <footer className="bottom" aria-label={t('rv.footer')}>
        <NavLink to="/report-misuse">{t('rv.reportNav')}</NavLink>
      </footer>
    </>
  );
}

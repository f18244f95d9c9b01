// The case page (/cases/:id): the person and the case in tabs, in the seeds' order (基本情報, 検査,
// 発生届, 居所, 健康観察, 医療, 記録, 濃厚接触者) and the history of changes. Tabs follow the ARIA tab
// pattern (arrow keys, Home, End); the open tab is kept in ?tab= so a link can name it.
//
// "Current work" (DESIGN.md §5), defined simply: a case opened from one of the user's own lists —
// the home work lists or the case-list search (CaseTable marks those links with router state,
// CASE_FROM_LIST) — is work, and the server hears so as the purpose; a case reached any other way
// (a typed or bookmarked URL, a link from elsewhere) asks for a purpose first, before the GET that
// opens it. The purpose travels in X-Hersys-Purpose with every read the page makes, so each audit
// row of this viewing carries it; once given it stays with the history entry (a reload keeps it).
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import type { z } from 'zod';
import { CaseDetail } from '../../../domain/api/cases.ts';
import { ageOn } from '../../../domain/logic-checks.ts';
import { can, type Permission } from '../../../domain/permissions.ts';
import { japanToday } from '../../../domain/calendar.ts';
import { api } from '../../api.ts';
import { ErrorMessage } from '../../components/Form.tsx';
import { Loading } from '../../components/Loading.tsx';
import { useSession } from '../../session.tsx';
import { GrantBanner, useGrantOn } from '../break-glass/GrantBanner.tsx';
import { HelpdeskBanner, useHelpdeskOn } from '../helpdesk/HelpdeskBanner.tsx';
import { BasicTab } from './BasicTab.tsx';
import { ContactsTab } from './ContactsTab.tsx';
import { HistoryTab } from './HistoryTab.tsx';
import { MedicalTab } from './MedicalTab.tsx';
import { NotificationsTab } from './NotificationsTab.tsx';
import { ObservationsTab } from './ObservationsTab.tsx';
import { PurposePrompt } from './PurposePrompt.tsx';
import { RecordTab } from './RecordTab.tsx';
import { ResidenceTab } from './ResidenceTab.tsx';
import { formatDate, type CaseDetailView, type CaseTabProps } from './shared.tsx';
import { TestsTab } from './TestsTab.tsx';
import type { CaseOpenState } from './open-state.ts';
import { diseaseName } from '../notify/forms.ts';
import { localized } from '../../i18n.ts';

/**
 * The purposes the audit log records for work (always in Japanese, like the rest of the trail, so
 * reviewers read one language whatever the screen's).
 */
const WORK_PURPOSE: Record<'list' | 'chain' | 'notification', string> = {
  list: '担当業務（一覧から）',
  chain: '疫学調査（感染経路から）',
  notification: '発生届の作成（不足項目の入力）',
};

const TABS: { key: string; Panel: (p: CaseTabProps) => ReactNode; needs?: Permission }[] = [
  { key: 'basic', Panel: BasicTab },
  { key: 'tests', Panel: TestsTab },
  { key: 'notifications', Panel: NotificationsTab },
  { key: 'residence', Panel: ResidenceTab },
  { key: 'observations', Panel: ObservationsTab },
  { key: 'medical', Panel: MedicalTab },
  { key: 'record', Panel: RecordTab },
  { key: 'contacts', Panel: ContactsTab, needs: 'contacts.read' },
  { key: 'history', Panel: HistoryTab },
];

export function CasePage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const state = (location.state ?? null) as CaseOpenState | null;
  const purpose = state?.via === 'purpose' ? (state.purpose ?? null) : state?.via ? WORK_PURPOSE[state.via] : null;

  if (!purpose) {
    return (
      <PurposePrompt
        onChoose={(p) => navigate(`${location.pathname}${location.search}`, { replace: true, state: { via: 'purpose', purpose: p } satisfies CaseOpenState })}
        onCancel={() => (location.key === 'default' ? navigate('/') : navigate(-1))}
      />
    );
  }
  return <OpenCase key={`${id}|${purpose}`} caseId={id} purpose={purpose} />;
}

function OpenCase({ caseId, purpose }: { caseId: string; purpose: string }) {
  const { t, i18n } = useTranslation();
  const { me } = useSession();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const [detail, setDetail] = useState<CaseDetailView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [transferred, setTransferred] = useState<{ to: string; kept: boolean } | null>(null);
  const headers = useMemo(() => ({ 'x-hersys-purpose': encodeURIComponent(purpose) }), [purpose]);
  const get = useCallback(<T extends z.ZodType>(path: string, schema: T) => api.get(path, schema, headers), [headers]);

  const reloadCase = useCallback(async () => {
    try {
      setDetail(await get(`/api/cases/${caseId}`, CaseDetail));
      setError(null);
    } catch (e) {
      setDetail(null);
      setError(e);
    }
  }, [caseId, get]);
  useEffect(() => {
    void reloadCase();
  }, [reloadCase]);

  const roles = me!.user.roles;
  // Opened under a break-the-glass grant: the banner says until when; a read-only grant shows the tabs disabled.
  const grant = useGrantOn(caseId, can(roles, 'break_glass.request'));
  // Opened under a helpdesk access (Q&A 24): the banner says it is read only, until when, and reported.
  const helpdesk = useHelpdeskOn(caseId, can(roles, 'helpdesk.request'));
  const tabs = TABS.filter((tab) => !tab.needs || can(roles, tab.needs));
  // The tab shown follows a click or key at once; the URL follows it (replace, keeping the purpose).
  const [current, setCurrent] = useState(() => params.get('tab'));
  const active = tabs.find((tab) => tab.key === current) ?? tabs[0];
  const tabRefs = useRef<Record<string, HTMLButtonElement | null>>({});
  const choose = (key: string, focus = false) => {
    setCurrent(key);
    if (focus) tabRefs.current[key]?.focus();
    setParams((p) => {
      const next = new URLSearchParams(p);
      next.set('tab', key);
      return next;
    }, { replace: true, state: location.state });
  };
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = tabs.indexOf(active);
    const to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    choose(tabs[(to + tabs.length) % tabs.length].key, true);
  };

  if (transferred) {
    return (
      <>
        <h1>{t('case.title')}</h1>
        <div role="status" className="done">
          <p>{t('case.record.transferred', { to: transferred.to })}</p>
          {!transferred.kept && <p>{t('case.record.transferredNoAccess')}</p>}
        </div>
        <p>
          <Link to="/cases">{t('nav.cases')}</Link>
        </p>
      </>
    );
  }
  if (error) {
    return (
      <>
        <h1>{t('case.title')}</h1>
        <ErrorMessage error={error} />
        <p>
          <Link to="/cases">{t('nav.cases')}</Link>
        </p>
      </>
    );
  }
  if (!detail) return <Loading />;

  const p = detail.person;
  const lang = i18n.language;
  const props: CaseTabProps = {
    detail,
    me: me!,
    get,
    reloadCase,
    onTransferred: (to, kept) => (kept ? void reloadCase() : setTransferred({ to, kept })),
  };
  return (
    <>
      {grant && <GrantBanner grant={grant} />}
      {helpdesk && <HelpdeskBanner access={helpdesk} />}
      <h1>
        {p.nameKanji}
        <span className="kana">（{p.nameKana}）</span>
      </h1>
      <p className="case-summary">
        <span>
          {t('cases.caseNumber')}: <strong>{detail.caseNumber}</strong>
        </span>
        <span className="disease">{localized(diseaseName(detail.disease))}</span>
        <span>{t(`sex.${p.sex}`)}</span>
        <span>
          {formatDate(p.birthDate, lang)}
          {t('case.age', { age: ageOn(p.birthDate, japanToday(new Date())) })}
        </span>
      </p>
      <div role="tablist" aria-label={t('case.tabs')} className="tabs" onKeyDown={onKey}>
        {tabs.map((tab) => {
          const selected = tab === active;
          return (
            <button
              key={tab.key}
              ref={(el) => {
                tabRefs.current[tab.key] = el;
              }}
              type="button"
              role="tab"
              id={`tab-${tab.key}`}
              aria-selected={selected}
              aria-controls={selected ? `panel-${tab.key}` : undefined}
              tabIndex={selected ? 0 : -1}
              onClick={() => choose(tab.key)}
            >
              {t(`case.tab.${tab.key}`)}
            </button>
          );
        })}
      </div>
      <div role="tabpanel" id={`panel-${active.key}`} aria-labelledby={`tab-${active.key}`} tabIndex={0} className="tabpanel">
        {grant && !grant.writes ? (
          <fieldset disabled className="read-only-grant">
            <legend className="visually-hidden">{t('bg.readOnly')}</legend>
            <active.Panel key={active.key} {...props} />
          </fieldset>
        ) : (
          <active.Panel key={active.key} {...props} />
        )}
      </div>
    </>
  );
}

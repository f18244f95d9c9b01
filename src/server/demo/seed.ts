// The demo world that `npm start` creates on an empty database: one prefecture with two health
// centres, two medical institutions, an accommodation facility, a follow-up centre, the
// coordination HQ, a public-health institute and the ministry; one user per role; a few cases
// spread over them so that every scope has something to show.
import { randomInt, randomUUID } from 'node:crypto';
import { count, sql } from 'drizzle-orm';
import { newCaseNumber, newSelfReportId } from '../../domain/case-number.ts';
import { japanToday } from '../../domain/calendar.ts';
import { kanaKey } from '../../domain/kana.ts';
import type { OrgKind, Role } from '../../domain/organizations.ts';
import { accessPeriod } from '../../domain/residence.ts';
import { audit } from '../audit/audit.ts';
import { generateInitialPassword, hashPassword } from '../auth/passwords.ts';
import type { Database, Tx } from '../db/database.ts';
import { seedPermissionReviews } from '../permission-reviews/demo.ts';
import { seedSelfRegistrations } from '../self-registration/demo.ts';
import { DEMO_REPORTERS, seedDailyReports } from './daily-reports.ts';
import { seedDemoSentinels } from './sentinel.ts';
import { caseAssignments, caseRelatedHcs, cases, credentials, organizations, patientAccess, persons, residences, users } from '../db/schema.ts';

interface OrgSeed {
  key: string;
  kind: OrgKind;
  parent: string | null;
  ja: string;
  en: string;
  email?: string;
  quota?: number;
  /** Fictional: the 03-0000 numbers are not in service. */
  address?: string;
  phone?: string;
  /** JIS X 0401 (prefecture) or municipality code (health-centre area): population and open data. */
  areaCode?: string;
}

const ORGS: OrgSeed[] = [
  { key: 'mhlw', kind: 'ministry', parent: null, ja: '厚生労働省', en: 'Ministry of Health, Labour and Welfare' },
  { key: 'tokyo', kind: 'prefecture', parent: 'mhlw', ja: '東京都', en: 'Tokyo Metropolis', email: 'kansen-tokyo@example.jp', areaCode: '13' },
  { key: 'shinjuku-hc', kind: 'health_center', parent: 'tokyo', ja: '新宿区保健所', en: 'Shinjuku Health Centre', email: 'hc-shinjuku@example.jp', quota: 200, areaCode: '131041' },
  { key: 'nakano-hc', kind: 'health_center', parent: 'tokyo', ja: '中野区保健所', en: 'Nakano Health Centre', email: 'hc-nakano@example.jp', quota: 200, areaCode: '131148' },
  { key: 'sakura-clinic', kind: 'medical_institution', parent: 'shinjuku-hc', ja: 'さくら内科クリニック', en: 'Sakura Internal Medicine Clinic', address: '東京都新宿区高田馬場三丁目2番5号', phone: '03-0000-1101' },
  { key: 'midori-hospital', kind: 'medical_institution', parent: 'nakano-hc', ja: '中野みどり病院', en: 'Nakano Midori Hospital', address: '東京都中野区中野五丁目6番7号', phone: '03-0000-2201' },
  { key: 'tokyo-hotel', kind: 'accommodation_facility', parent: 'tokyo', ja: '都宿泊療養施設（新宿）', en: 'Tokyo Accommodation Facility (Shinjuku)' },
  { key: 'tokyo-followup', kind: 'followup_center', parent: 'tokyo', ja: '東京都陽性者フォローアップセンター', en: 'Tokyo Follow-up Centre', address: '東京都新宿区西新宿二丁目8番1号', phone: '03-0000-3301' },
  { key: 'tokyo-hq', kind: 'coordination_hq', parent: 'tokyo', ja: '東京都入院調整本部', en: 'Tokyo Admission Coordination HQ' },
  { key: 'tokyo-phi', kind: 'public_health_institute', parent: 'tokyo', ja: '東京都健康安全研究センター', en: 'Tokyo Metropolitan Institute of Public Health' },
];

interface UserSeed {
  loginId: string;
  org: string;
  roles: Role[];
  ja: string;
  /** 委託先: the contractor whose staff the user is (issue 14). */
  contractor?: string;
}

const USERS: UserSeed[] = [
  { loginId: 'mhlw-admin', org: 'mhlw', roles: ['org_admin'], ja: '厚労省 ID管理者' },
  { loginId: 'mhlw-stats', org: 'mhlw', roles: ['ministry_staff'], ja: '厚労省 統計担当' },
  { loginId: 'tokyo-admin', org: 'tokyo', roles: ['org_admin'], ja: '東京都 ID管理者' },
  { loginId: 'tokyo-sg1', org: 'tokyo', roles: ['prefecture_staff'], ja: '東京都 感染症対策課1' },
  { loginId: 'tokyo-hq1', org: 'tokyo-hq', roles: ['coordination_hq'], ja: '入院調整本部1' },
  { loginId: 'tokyo-hotel1', org: 'tokyo-hotel', roles: ['facility_staff'], ja: '宿泊療養施設1' },
  { loginId: 'tokyo-fu1', org: 'tokyo-followup', roles: ['followup_staff'], ja: 'フォローアップセンター1' },
  // The centre's doctor accepts self-registrations and files their 発生届 (self-registration/accept.ts).
  { loginId: 'tokyo-fu-dr1', org: 'tokyo-followup', roles: ['doctor', 'followup_staff'], ja: 'フォローアップセンター 医師1' },
  { loginId: 'tokyo-phi1', org: 'tokyo-phi', roles: ['hc_staff'], ja: '健康安全研究センター1' },
  { loginId: 'shinjuku-admin', org: 'shinjuku-hc', roles: ['org_admin'], ja: '新宿区保健所 ID管理者' },
  { loginId: 'shinjuku-h1', org: 'shinjuku-hc', roles: ['hc_staff'], ja: '新宿区保健所 保健予防課1' },
  // The second person who approves shinjuku-h1's exports above the threshold (issue 14).
  { loginId: 'shinjuku-h2', org: 'shinjuku-hc', roles: ['hc_staff'], ja: '新宿区保健所 保健予防課2' },
  { loginId: 'nakano-h1', org: 'nakano-hc', roles: ['hc_staff'], ja: '中野区保健所 保健予防課1' },
  { loginId: 'sakura-dr1', org: 'sakura-clinic', roles: ['doctor'], ja: 'さくら内科 医師1' },
  { loginId: 'sakura-clerk1', org: 'sakura-clinic', roles: ['clerk'], ja: 'さくら内科 事務1' },
  { loginId: 'midori-dr1', org: 'midori-hospital', roles: ['doctor'], ja: 'みどり病院 感染症科1' },
  // Helpdesk (issue 14, Q&A 24): the ministry's contractor, seeing a case only while its centre lets it.
  { loginId: 'mhlw-helpdesk', org: 'mhlw', roles: ['helpdesk'], ja: '厚労省 ヘルプデスク1', contractor: '株式会社ヘルプデスクサービス' },
  // A contractor's call-desk operator at the follow-up centre: their accesses are pulled for inspections.
  { loginId: 'tokyo-fu2', org: 'tokyo-followup', roles: ['followup_staff'], ja: 'フォローアップセンター2（委託）', contractor: '株式会社ケアコール' },
  // 個人情報保護管理者: one per organisation, each reviewing its own tree (issue 12).
  ...ORGS.map((o): UserSeed => ({ loginId: `${o.key}-po`, org: o.key, roles: ['privacy_officer'], ja: `${o.ja} 個人情報保護管理者` })),
];

interface CaseSeed {
  name: [string, string];
  sex: 'male' | 'female';
  birth: string;
  responsible: string;
  reporting: string;
  related?: string;
  assigned?: { org: string; ended?: boolean };
  /** Fictional contacts: 090-0000 numbers are not in service. */
  phone?: string;
  email?: string;
  /** Invited to My HER-SYS by SMS, reporting for the coming week (issue 11). */
  myHersys?: true;
}

const CASES: CaseSeed[] = [
  { name: ['山田 太郎', 'ヤマダ タロウ'], sex: 'male', birth: '1958-04-12', responsible: 'shinjuku-hc', reporting: 'sakura-clinic', phone: '090-0000-4321', email: 'yamada.taro@example.jp', myHersys: true },
  { name: ['佐藤 花子', 'サトウ ハナコ'], sex: 'female', birth: '1990-11-03', responsible: 'shinjuku-hc', reporting: 'sakura-clinic', assigned: { org: 'tokyo-hotel' } },
  { name: ['鈴木 一郎', 'スズキ イチロウ'], sex: 'male', birth: '1947-01-30', responsible: 'nakano-hc', reporting: 'midori-hospital', related: 'shinjuku-hc' },
  { name: ['高橋 美咲', 'タカハシ ミサキ'], sex: 'female', birth: '2001-07-21', responsible: 'nakano-hc', reporting: 'midori-hospital', assigned: { org: 'tokyo-followup' } },
  { name: ['田中 健', 'タナカ ケン'], sex: 'male', birth: '1975-09-09', responsible: 'nakano-hc', reporting: 'midori-hospital', assigned: { org: 'tokyo-hotel', ended: true } },
];

export interface DemoAccount {
  loginId: string;
  password: string;
  roles: Role[];
  orgKey: string;
  orgNameJa: string;
}

/** A demo patient of My HER-SYS: signs in at /my with these; the code goes to the SMS file (SMS_FILE). */
export interface DemoPatient {
  caseId: string;
  selfReportId: string;
  birthDate: string;
  nameJa: string;
}

export interface DemoWorld {
  orgIds: Record<string, string>;
  accounts: DemoAccount[];
  patients: DemoPatient[];
}

/**
 * Seeds the demo world into an empty database; null when it already has organisations. Several
 * processes starting at once on one PostgreSQL seed it once: the check and the inserts share a lock.
 * `passwordFor` lets tests use known passwords; by default each is random.
 */
export async function seedDemoIfEmpty(
  db: Database,
  passwordFor: (loginId: string) => string = () => generateInitialPassword(),
): Promise<DemoWorld | null> {
  const accounts = USERS.map((u) => ({ ...u, password: passwordFor(u.loginId) }));
  // Hash before the transaction: PGlite has one connection, keep it free while argon2 works.
  const hashes = await Promise.all(accounts.map((a) => hashPassword(a.password)));
  return db.asSystem(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(4735122)`);
    const [{ n }] = await tx.select({ n: count() }).from(organizations);
    if (n > 0) return null;
    const orgIds = await insertOrgs(tx);
    const userIds: string[] = [];
    for (const [i, a] of accounts.entries()) {
      const [user] = await tx
        .insert(users)
        .values({ orgId: orgIds[a.org], loginId: a.loginId, displayName: a.ja, roles: a.roles, contractorName: a.contractor ?? null })
        .returning({ id: users.id });
      await tx.insert(credentials).values({ userId: user.id, passwordHash: hashes[i], mustChangePassword: true });
      userIds.push(user.id);
    }
    // The responsible centre's staff placed the demo residents.
    const patients = await insertCases(tx, orgIds, (orgKey) => userIds[accounts.findIndex((a) => a.org === orgKey && a.roles.includes('hc_staff'))]);
    await seedSelfRegistrations(tx, orgIds.tokyo);
    await seedBreakGlass(tx);
    await seedHelpdesk(tx);
    const userOf = (loginId: string) => userIds[accounts.findIndex((a) => a.loginId === loginId)];
    await seedDailyReports(
      tx,
      Object.entries(DEMO_REPORTERS).map(([org, r]) => ({
        ...r,
        missing: [...r.missing],
        late: [...r.late],
        institutionId: orgIds[org],
        healthCenterId: orgIds[r.hc],
        prefectureId: orgIds.tokyo,
        doctorId: userOf(r.doctor),
        hcStaffId: userOf(r.hcStaff),
      })),
    );
    // issue 16: both institutions are influenza/COVID-19 sentinels with 12 weeks filed, this week open.
    await seedDemoSentinels(tx, {
      prefectureId: orgIds.tokyo,
      staffId: userOf('tokyo-sg1'),
      sites: [
        { institutionId: orgIds['sakura-clinic'], healthCenterId: orgIds['shinjuku-hc'], doctorId: userOf('sakura-dr1'), scale: 0.8 },
        { institutionId: orgIds['midori-hospital'], healthCenterId: orgIds['nakano-hc'], doctorId: userOf('midori-dr1'), scale: 1.2 },
      ],
    });
    await seedPermissionReviews(tx, orgIds);
    await audit(tx, { actor: null, clientAddr: null }, {
      action: 'demo.seed',
      recordType: 'user',
      recordIds: userIds,
      details: { organizations: ORGS.length, users: USERS.length, cases: CASES.length },
    });
    return {
      orgIds,
      patients,
      accounts: accounts.map((a) => ({
        loginId: a.loginId,
        password: a.password,
        roles: a.roles,
        orgKey: a.org,
        orgNameJa: ORGS.find((o) => o.key === a.org)!.ja,
      })),
    };
  });
}

async function insertOrgs(tx: Tx): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  const prefectureOf: Record<string, string | null> = {};
  for (const o of ORGS) {
    // Parents come first in ORGS, so the parent's id and prefecture are known here.
    ids[o.key] = randomUUID();
    prefectureOf[o.key] = o.kind === 'prefecture' ? ids[o.key] : o.parent ? prefectureOf[o.parent] : null;
    await tx.insert(organizations).values({
      id: ids[o.key],
      kind: o.kind,
      code: o.key,
      nameJa: o.ja,
      nameEn: o.en,
      parentId: o.parent ? ids[o.parent] : null,
      prefectureId: prefectureOf[o.key],
      notificationEmail: o.email ?? null,
      address: o.address ?? null,
      phone: o.phone ?? null,
      idQuota: o.quota ?? null,
      areaCode: o.areaCode ?? null,
    });
  }
  return ids;
}

const DAY = 86_400_000;

/**
 * Break-the-glass (issue 14): yesterday さくら内科's doctor opened 鈴木 一郎's case (中野区保健所's)
 * for an emergency; the grant has expired and waits on 中野区保健所's list to be seen. Anyone can make
 * a new one at 「緊急アクセス」 (e.g. midori-dr1 for 山田 太郎, born 1958-04-12).
 */
async function seedBreakGlass(tx: Tx): Promise<void> {
  await tx.execute(sql`
    INSERT INTO break_glass_grants (case_id, user_id, org_id, responsible_hc_id, case_number, user_name, org_name, responsible_hc_name,
                                    reason, note, writes, granted_at, expires_at)
    SELECT c.id, u.id, u.org_id, c.responsible_hc_id, c.case_number, u.display_name, o.name_ja, h.name_ja,
           'emergency_treatment', '夜間救急で受診。他院で治療中との申告があり、既往と検査結果を確認した。', false,
           now() - interval '1 day', now() - interval '1 day' + interval '4 hours'
      FROM cases c JOIN persons p ON p.id = c.person_id JOIN organizations h ON h.id = c.responsible_hc_id,
           users u JOIN organizations o ON o.id = u.org_id
     WHERE p.name_kana = 'スズキ イチロウ' AND u.login_id = 'sakura-dr1'`);
}

/**
 * Helpdesk access (issue 14): the ministry's helpdesk asked this morning to read 高橋 美咲's case
 * (中野区保健所's) for a support ticket; the request waits on 中野区保健所's list (nakano-h1) for approval.
 */
async function seedHelpdesk(tx: Tx): Promise<void> {
  await tx.execute(sql`
    INSERT INTO helpdesk_accesses (user_id, org_id, case_number, case_id, responsible_hc_id, ticket, reason, user_name, contractor_name, mode, hours, requested_at)
    SELECT u.id, u.org_id, c.case_number, c.id, c.responsible_hc_id, 'HD-2026-0412',
           '保健所から「健康観察の入力が画面に反映されない」との問合せ。事例の表示を確認したい。', u.display_name, u.contractor_name,
           'approve', 4, now() - interval '2 hours'
      FROM cases c JOIN persons p ON p.id = c.person_id, users u
     WHERE p.name_kana = 'タカハシ ミサキ' AND u.login_id = 'mhlw-helpdesk'`);
}

async function insertCases(tx: Tx, orgIds: Record<string, string>, staffOf: (orgKey: string) => string): Promise<DemoPatient[]> {
  const patients: DemoPatient[] = [];
  for (const c of CASES) {
    const [person] = await tx
      .insert(persons)
      .values({
        nameKanji: c.name[0],
        nameKana: c.name[1],
        nameKanaKey: kanaKey(c.name[1]),
        sex: c.sex,
        birthDate: c.birth,
        phone: c.phone ?? null,
        phoneKey: c.phone?.replace(/\D/g, '') ?? null,
        email: c.email ?? null,
      })
      .returning({ id: persons.id });
    const selfReportId = newSelfReportId(randomInt);
    const [row] = await tx
      .insert(cases)
      .values({
        personId: person.id,
        caseNumber: newCaseNumber(randomInt),
        selfReportId,
        prefectureId: orgIds.tokyo,
        responsibleHcId: orgIds[c.responsible],
        reportingOrgId: orgIds[c.reporting],
      })
      .returning({ id: cases.id });
    if (c.related) await tx.insert(caseRelatedHcs).values({ caseId: row.id, hcId: orgIds[c.related] });
    if (c.assigned) {
      // A follow-up centre is assigned the case; a facility has it for the resident's stay (居所).
      const startsOn = japanToday(new Date(Date.now() - 5 * DAY));
      const endsOn = c.assigned.ended ? japanToday(new Date(Date.now() - DAY)) : null;
      const { startsAt, endsAt } = accessPeriod(startsOn, endsOn);
      const stay = c.assigned.org === 'tokyo-hotel';
      const [a] = await tx
        .insert(caseAssignments)
        .values({ caseId: row.id, orgId: orgIds[c.assigned.org], kind: stay ? 'residence' : 'followup', startsAt, endsAt })
        .returning({ id: caseAssignments.id });
      if (stay) {
        await tx.insert(residences).values({
          caseId: row.id,
          kind: 'accommodation',
          orgId: orgIds[c.assigned.org],
          startsOn,
          endsOn,
          assignmentId: a.id,
          createdBy: staffOf(c.responsible),
        });
      }
    }
    if (c.myHersys) {
      const observeUntil = japanToday(new Date(Date.now() + 7 * DAY));
      await tx.insert(patientAccess).values({ caseId: row.id, channel: 'sms', observeUntil, invitedBy: staffOf(c.responsible) });
      patients.push({ caseId: row.id, selfReportId, birthDate: c.birth, nameJa: c.name[0] });
    }
  }
  return patients;
}

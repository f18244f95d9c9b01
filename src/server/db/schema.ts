// The tables, as Drizzle sees them. drizzle-kit generates the SQL migrations from this file;
// row-level security, roles, grants and triggers live in the hand-written migrations beside them.
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { SentinelKind } from '../../domain/sentinel/kinds.ts';

const id = () => uuid('id').primaryKey().default(sql`gen_random_uuid()`);
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const version = () => integer('version').notNull().default(1);

/** The organisation tree: ministry -> prefecture -> health centre -> medical institution, etc. */
export const organizations = pgTable(
  'organizations',
  {
    id: id(),
    kind: text('kind').notNull(),
    code: text('code').notNull(),
    nameJa: text('name_ja').notNull(),
    nameEn: text('name_en').notNull(),
    parentId: uuid('parent_id').references((): any => organizations.id),
    prefectureId: uuid('prefecture_id').references((): any => organizations.id),
    /** Health centres: where submissions are announced (no personal data is ever sent). */
    notificationEmail: text('notification_email'),
    /** 所在地 and 電話番号: a medical institution's are the reporter's on each notification. */
    address: text('address'),
    phone: text('phone'),
    /** How many active IDs the organisation may hold; null = no limit. */
    idQuota: integer('id_quota'),
    /** Health centres: the time (Japan, HH:MM) patients' daily self-reports are due, and the reminder's (issue 11). */
    reportDueTime: text('report_due_time').notNull().default('08:30'),
    reminderTime: text('reminder_time').notNull().default('07:00'),
    /** JIS X 0401 for a prefecture ('13'), the municipality code of a health centre's area ('131041'): population and open data key on it. */
    areaCode: text('area_code'),
    /** 権限の棚卸し: months between permission reviews, set by the issuing organisation (issue 14). */
    permissionReviewMonths: integer('permission_review_months').notNull().default(3),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [
    uniqueIndex('organizations_code_key').on(t.code),
    index('organizations_parent_idx').on(t.parentId),
    index('organizations_prefecture_idx').on(t.prefectureId),
    check('organizations_report_due_time_check', sql`${t.reportDueTime} ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`),
    check('organizations_reminder_time_check', sql`${t.reminderTime} ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`),
    check(
      'organizations_kind_check',
      sql`${t.kind} in ('ministry','prefecture','health_center','medical_institution','accommodation_facility','followup_center','coordination_hq','public_health_institute')`,
    ),
  ],
);

/** Staff IDs. One ID is one person; generic names such as 「△△課1」 are allowed (Q&A 18). */
export const users = pgTable(
  'users',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    loginId: text('login_id').notNull(),
    displayName: text('display_name').notNull(),
    email: text('email'),
    roles: text('roles').array().notNull(),
    status: text('status').notNull().default('active'),
    statusReason: text('status_reason'),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    /** Set after too many failed logins; an administrator reopens the ID. */
    lockedAt: timestamp('locked_at', { withTimezone: true }),
    /** 委託先: the contractor's name for contractor staff, whose accesses are reported for inspections (issue 12). */
    contractorName: text('contractor_name'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [
    uniqueIndex('users_login_id_key').on(sql`lower(${t.loginId})`),
    index('users_org_idx').on(t.orgId),
    check('users_status_check', sql`${t.status} in ('active','suspended','deleted')`),
    check(
      'users_roles_check',
      sql`${t.roles} <@ ARRAY['doctor','clerk','hc_staff','prefecture_staff','coordination_hq','facility_staff','followup_staff','ministry_staff','org_admin','privacy_officer','helpdesk']::text[] AND cardinality(${t.roles}) > 0`,
    ),
  ],
);

/** Secrets of an ID. The application role has no right on this table at all. */
export const credentials = pgTable(
  'credentials',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id),
    passwordHash: text('password_hash').notNull(),
    mustChangePassword: boolean('must_change_password').notNull().default(true),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    /** Sealed under a data key (src/server/secrets/), never in clear (0034). */
    totpSecret: text('totp_secret'),
    totpPendingSecret: text('totp_pending_secret'),
    totpLastStep: bigint('totp_last_step', { mode: 'number' }),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lastFailedAt: timestamp('last_failed_at', { withTimezone: true }),
  },
  (t) => [
    check(
      'credentials_totp_sealed',
      sql`(${t.totpSecret} IS NULL OR ${t.totpSecret} LIKE 'v1:%') AND (${t.totpPendingSecret} IS NULL OR ${t.totpPendingSecret} LIKE 'v1:%')`,
    ),
  ],
);

/** Data keys, each sealed under the master key from the environment; one is active (0034, src/server/secrets/). */
export const dataKeys = pgTable(
  'data_keys',
  {
    id: text('id').primaryKey(),
    wrapped: text('wrapped').notNull(),
    active: boolean('active').notNull().default(false),
    createdAt: createdAt(),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('data_keys_one_active').on(t.active).where(sql`${t.active}`), check('data_keys_wrapped_check', sql`${t.wrapped} LIKE 'v1:%'`)],
);

/** The server's own secrets (the processing-number HMAC key), sealed under a data key. */
export const serverSecrets = pgTable(
  'server_secrets',
  {
    name: text('name').primaryKey(),
    sealed: text('sealed').notNull(),
    createdAt: createdAt(),
  },
  (t) => [check('server_secrets_sealed_check', sql`${t.sealed} LIKE 'v1:%'`)],
);

/** Server-side sessions, so any number of processes can serve and a session can be ended at once. */
export const sessions = pgTable(
  'sessions',
  {
    id: id(),
    tokenHash: text('token_hash').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** Which login step is next: 'change_password' | 'enrol_totp' | 'totp' | 'done'. */
    stage: text('stage').notNull(),
    clientAddr: text('client_addr'),
    userAgent: text('user_agent'),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endedReason: text('ended_reason'),
  },
  (t) => [
    uniqueIndex('sessions_token_hash_key').on(t.tokenHash),
    index('sessions_user_idx').on(t.userId),
    index('sessions_expires_idx').on(t.expiresAt),
    check('sessions_stage_check', sql`${t.stage} in ('change_password','enrol_totp','totp','done')`),
  ],
);

/** Things a reviewer must look at, e.g. one ID used from two places at once. */
export const securityFlags = pgTable(
  'security_flags',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind').notNull(),
    details: jsonb('details').notNull().default({}),
    createdAt: createdAt(),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewedBy: uuid('reviewed_by'),
  },
  (t) => [index('security_flags_user_idx').on(t.userId)],
);

/** Append-only, hash-chained record of every access; see src/server/audit/. */
export const auditLog = pgTable(
  'audit_log',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    actorUserId: uuid('actor_user_id'),
    actorOrgId: uuid('actor_org_id'),
    action: text('action').notNull(),
    recordType: text('record_type'),
    recordIds: text('record_ids').array().notNull(),
    purpose: text('purpose'),
    clientAddr: text('client_addr'),
    outcome: text('outcome').notNull(),
    details: jsonb('details').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    /** 1: the row's whole content hashed in the application; 2: the link computed by audit_append() (src/server/audit/chain.ts). */
    hashVersion: integer('hash_version').notNull().default(1),
  },
  (t) => [
    check('audit_log_outcome_check', sql`${t.outcome} in ('ok','denied','failed')`),
    index('audit_log_actor_idx').on(t.actorUserId, t.at),
    index('audit_log_org_idx').on(t.actorOrgId, t.at),
  ],
);

/** A person (患者). A person can have several cases (a new episode is a new case, Q&A 7). */
export const persons = pgTable(
  'persons',
  {
    id: id(),
    nameKanji: text('name_kanji').notNull(),
    nameKana: text('name_kana').notNull(),
    /** The kana name folded for search: full-width katakana, no spaces (src/domain/kana.ts). */
    nameKanaKey: text('name_kana_key').notNull().default(''),
    sex: text('sex').notNull(),
    birthDate: date('birth_date').notNull(),
    /** 所在地: where the person stays (居所); the legal location of the notification (Q&A 5). */
    residenceAddress: text('residence_address'),
    /** 住所: the registered address. */
    registeredAddress: text('registered_address'),
    phone: text('phone'),
    /** Digits only, for matching likely duplicates by phone. */
    phoneKey: text('phone_key'),
    email: text('email'),
    guardianName: text('guardian_name'),
    guardianPhone: text('guardian_phone'),
    guardianAddress: text('guardian_address'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: version(),
    /** When the retention job removed the identity (issue 14, migration 0040); null while kept. */
    retainedAt: timestamp('retained_at', { withTimezone: true }),
  },
  (t) => [
    index('persons_birth_kana_idx').on(t.birthDate, t.nameKanaKey),
    index('persons_phone_birth_idx').on(t.phoneKey, t.birthDate),
    // The case list's kana prefix search (LIKE 'ヤマ%' in any collation), with the id for an index-only join.
    index('persons_kana_key_idx').on(t.nameKanaKey.op('text_pattern_ops'), t.id),
    // The access review finds a user's own record by their name, spaces aside (migration 0028).
    index('persons_name_squeezed_idx').on(sql`replace(replace(${t.nameKanji}, ' ', ''), '　', '')`),
    check('persons_sex_check', sql`${t.sex} in ('male','female')`),
  ],
);

/** A case: the unit that is notified, followed and counted. Its scope columns drive RLS. */
export const cases = pgTable(
  'cases',
  {
    id: id(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    caseNumber: text('case_number').notNull(),
    selfReportId: text('self_report_id').notNull(),
    prefectureId: uuid('prefecture_id')
      .notNull()
      .references(() => organizations.id),
    responsibleHcId: uuid('responsible_hc_id')
      .notNull()
      .references(() => organizations.id),
    reportingOrgId: uuid('reporting_org_id').references(() => organizations.id),
    /** The notifiable disease (a form definition's disease code), chosen first at registration. */
    disease: text('disease').notNull().default('covid19'),
    /** 記録タブ「現在のステータス」: the newest of case_status_changes, kept here for the work list. */
    currentStatus: text('current_status'),
    statusEffectiveOn: date('status_effective_on'),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }),
    /** The newest 健康観察 entry: with the status change, what makes a case stale or not. */
    lastObservedAt: timestamp('last_observed_at', { withTimezone: true }),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [
    uniqueIndex('cases_case_number_key').on(t.caseNumber),
    uniqueIndex('cases_self_report_id_key').on(t.selfReportId),
    index('cases_person_idx').on(t.personId),
    index('cases_created_idx').on(t.createdAt, t.id),
    // The case list pages each kind of scope by its own index, newest first (search_cases, migration
    // 0012); with the person, a centre's cases join the persons found by kana or birth date without
    // reading the table. They also serve every lookup by centre, institution or prefecture alone.
    index('cases_responsible_created_person_idx').on(t.responsibleHcId, t.createdAt, t.id, t.personId),
    index('cases_reporting_created_idx').on(t.reportingOrgId, t.createdAt, t.id),
    index('cases_prefecture_created_idx').on(t.prefectureId, t.createdAt, t.id),
    // The case list's disease filter: a rare disease's cases newest first without reading the scope (migration 0048).
    index('cases_disease_created_idx').on(t.disease, t.createdAt, t.id),
    // The inpatient statistics (Q&A 9) and each centre's work list read cases by status.
    index('cases_hospitalized_idx').on(t.prefectureId).where(sql`${t.currentStatus} = 'hospitalized'`),
    // The work list's missing statuses and stale cases (observations/repo.ts): a centre's cases
    // without a status or not final (FINAL_STATUSES, as literals in the queries), about a quarter
    // of them after a wave. Not last_observed_at: each 健康観察 entry's update of it stays a HOT update.
    index('cases_worklist_idx')
      .on(t.responsibleHcId, t.currentStatus)
      .where(sql`${t.currentStatus} IS NULL OR ${t.currentStatus} NOT IN ('released', 'died')`),
    check(
      'cases_current_status_check',
      sql`${t.currentStatus} in ('awaiting_admission','hospitalized','accommodation','home','welfare_facility','released','died','unknown')`,
    ),
  ],
);

/** Related health centres that share a case with the responsible one (Q&A 4). */
export const caseRelatedHcs = pgTable(
  'case_related_hcs',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    hcId: uuid('hc_id')
      .notNull()
      .references(() => organizations.id),
    addedBy: uuid('added_by'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.hcId] }), index('case_related_hcs_hc_idx').on(t.hcId)],
);

/** A facility, follow-up centre or hospital given a case for a time; their staff see only these. */
export const caseAssignments = pgTable(
  'case_assignments',
  {
    id: id(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    /** followup: a follow-up centre's case (C); residence: a facility's or hospital's stay (居所); admission: a hospital's inpatient (医療). */
    kind: text('kind').notNull().default('followup'),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull().defaultNow(),
    endsAt: timestamp('ends_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    endedBy: uuid('ended_by'),
    createdAt: createdAt(),
  },
  (t) => [
    index('case_assignments_case_idx').on(t.caseId),
    index('case_assignments_org_idx').on(t.orgId),
    check('case_assignments_kind_check', sql`${t.kind} in ('followup','residence','admission')`),
  ],
);

/** Who changed a case and how they were named then: readers of a history may not see the users table (RLS). */
const changedBy = () => ({
  changedBy: uuid('changed_by').notNull(),
  changedByName: text('changed_by_name').notNull(),
  changedByOrgName: text('changed_by_org_name').notNull(),
  changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
});

/** 記録タブ: every change of the current status, append-only. The newest is copied to cases. */
export const caseStatusChanges = pgTable(
  'case_status_changes',
  {
    id: id(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    fromStatus: text('from_status'),
    status: text('status').notNull(),
    effectiveOn: date('effective_on').notNull(),
    note: text('note'),
    /** Required when a final status (released, died) is reopened. */
    reason: text('reason'),
    ...changedBy(),
  },
  (t) => [
    index('case_status_changes_case_idx').on(t.caseId, t.changedAt),
    check(
      'case_status_changes_status_check',
      sql`${t.status} in ('awaiting_admission','hospitalized','accommodation','home','welfare_facility','released','died','unknown')`,
    ),
  ],
);

/** 居所: where the person stays from when to when. A facility or hospital stay carries an assignment (access). */
export const residences = pgTable(
  'residences',
  {
    id: id(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    kind: text('kind').notNull(),
    /** The accommodation facility, hospital or welfare facility, when it is an organisation of ours. */
    orgId: uuid('org_id').references(() => organizations.id),
    placeName: text('place_name'),
    address: text('address'),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on'),
    note: text('note'),
    assignmentId: uuid('assignment_id').references(() => caseAssignments.id),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: version(),
  },
  (t) => [
    index('residences_case_idx').on(t.caseId, t.startsOn),
    check('residences_kind_check', sql`${t.kind} in ('home','accommodation','hospital','welfare_facility','other')`),
    check('residences_period_check', sql`${t.endsOn} IS NULL OR ${t.endsOn} >= ${t.startsOn}`),
  ],
);

/** Responsibility moving from one health centre to another (Q&A 4); both centres see these rows. */
export const caseTransfers = pgTable(
  'case_transfers',
  {
    id: id(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    /** The case number, for the centre that gave the case away and no longer sees it. */
    caseNumber: text('case_number').notNull(),
    fromHcId: uuid('from_hc_id')
      .notNull()
      .references(() => organizations.id),
    toHcId: uuid('to_hc_id')
      .notNull()
      .references(() => organizations.id),
    reason: text('reason').notNull(),
    keptAsRelated: boolean('kept_as_related').notNull().default(false),
    ...changedBy(),
  },
  (t) => [index('case_transfers_case_idx').on(t.caseId), index('case_transfers_from_idx').on(t.fromHcId, t.changedAt)],
);

/** 医療タブ: a stay in a hospital (admission to discharge). */
export const admissions = pgTable(
  'admissions',
  {
    id: id(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    hospitalId: uuid('hospital_id')
      .notNull()
      .references(() => organizations.id),
    admittedOn: date('admitted_on').notNull(),
    dischargedOn: date('discharged_on'),
    ward: text('ward'),
    attendingDoctor: text('attending_doctor'),
    /** How the stay ended: discharged (home, facility…), transferred to another hospital, died. */
    outcome: text('outcome'),
    note: text('note'),
    /** The hospital's access to the case for the stay, whoever keyed the admission in (as a 居所 gives). */
    assignmentId: uuid('assignment_id').references(() => caseAssignments.id),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: version(),
  },
  (t) => [
    index('admissions_case_idx').on(t.caseId),
    index('admissions_hospital_open_idx').on(t.hospitalId).where(sql`${t.dischargedOn} IS NULL`),
    // One open stay per case and hospital: a second admission without a discharge is a mistake.
    uniqueIndex('admissions_open_key').on(t.caseId, t.hospitalId).where(sql`${t.dischargedOn} IS NULL`),
    check('admissions_period_check', sql`${t.dischargedOn} IS NULL OR ${t.dischargedOn} >= ${t.admittedOn}`),
    check('admissions_outcome_check', sql`${t.outcome} in ('recovered','transferred','died','other')`),
  ],
);

/** 医療タブ: the clinical state over time. Severity 重症 is derived from ICU, ventilator or ECMO (Q&A 15). */
export const clinicalCourse = pgTable(
  'clinical_course',
  {
    id: id(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    admissionId: uuid('admission_id').references(() => admissions.id),
    observedOn: date('observed_on').notNull(),
    severity: text('severity').notNull(),
    oxygen: boolean('oxygen').notNull().default(false),
    icu: boolean('icu').notNull().default(false),
    ventilator: boolean('ventilator').notNull().default(false),
    ecmo: boolean('ecmo').notNull().default(false),
    note: text('note'),
    ...changedBy(),
  },
  (t) => [
    index('clinical_course_case_idx').on(t.caseId, t.observedOn),
    check('clinical_course_severity_check', sql`${t.severity} in ('mild','moderate1','moderate2','severe')`),
    // Q&A 15 in the database: 重症 exactly when ICU, ventilator or ECMO.
    check('clinical_course_severe_check', sql`(${t.severity} = 'severe') = (${t.icu} OR ${t.ventilator} OR ${t.ecmo})`),
  ],
);

/** 健康観察: one reading, by staff (phone, visit, facility round, ward) or later by the patient. */
export const healthObservations = pgTable(
  'health_observations',
  {
    id: id(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    /** The day the reading is for, in Japan. */
    observedOn: date('observed_on').notNull(),
    observedAt: timestamp('observed_at', { withTimezone: true }).notNull().defaultNow(),
    /** staff | self (reports by the patient, a later issue). */
    source: text('source').notNull(),
    method: text('method').notNull(),
    temperature: numeric('temperature', { precision: 3, scale: 1, mode: 'number' }),
    spo2: integer('spo2'),
    pulse: integer('pulse'),
    symptoms: text('symptoms').array().notNull().default(sql`'{}'::text[]`),
    note: text('note'),
    /** Staff who entered it (null for the patient's own report). */
    recordedBy: uuid('recorded_by'),
    recordedByName: text('recorded_by_name'),
    recordedByOrgName: text('recorded_by_org_name'),
    /** The patient's answer to 「今日の体調は？」 (self-reports): better | same | worse. */
    feeling: text('feeling'),
    /** A self-report corrected the same day points to the report that replaced it (issue 11). */
    replacedBy: uuid('replaced_by').references((): any => healthObservations.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('health_observations_case_idx').on(t.caseId, t.observedOn),
    // One self-report per case and day; a correction replaces it.
    uniqueIndex('health_observations_self_day_key').on(t.caseId, t.observedOn).where(sql`${t.source} = 'self' AND ${t.replacedBy} IS NULL`),
    check('health_observations_feeling_check', sql`${t.feeling} in ('better','same','worse')`),
    check('health_observations_source_check', sql`${t.source} in ('staff','self')`),
    check('health_observations_method_check', sql`${t.method} in ('phone','visit','facility_round','ward','app')`),
    check('health_observations_spo2_check', sql`${t.spo2} BETWEEN 50 AND 100`),
    check('health_observations_pulse_check', sql`${t.pulse} BETWEEN 20 AND 250`),
  ],
);

/** A red flag raised by a health observation; on the responsible centre's work list until acknowledged. */
export const caseAlerts = pgTable(
  'case_alerts',
  {
    id: id(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    observationId: uuid('observation_id').references(() => healthObservations.id),
    rule: text('rule').notNull(),
    observedOn: date('observed_on').notNull(),
    message: jsonb('message').notNull(),
    raisedAt: timestamp('raised_at', { withTimezone: true }).notNull().defaultNow(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    acknowledgedBy: uuid('acknowledged_by'),
    acknowledgedByName: text('acknowledged_by_name'),
    acknowledgementNote: text('acknowledgement_note'),
  },
  (t) => [
    index('case_alerts_case_idx').on(t.caseId),
    index('case_alerts_open_idx').on(t.caseId).where(sql`${t.acknowledgedAt} IS NULL`),
  ],
);

/** 濃厚接触者: a person followed because of contact with one or more cases (contact_exposures). */
export const contacts = pgTable(
  'contacts',
  {
    id: id(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    /** The centre following the contact, and its prefecture (scope, as for cases). */
    responsibleHcId: uuid('responsible_hc_id')
      .notNull()
      .references(() => organizations.id),
    prefectureId: uuid('prefecture_id')
      .notNull()
      .references(() => organizations.id),
    disease: text('disease').notNull().default('covid19'),
    /** Computed from the latest contact date and the disease's monitoring period. */
    monitoringEndsOn: date('monitoring_ends_on').notNull(),
    outcome: text('outcome').notNull().default('monitoring'),
    /** The case the contact became on a positive result; the exposures stay linked. */
    becameCaseId: uuid('became_case_id').references(() => cases.id),
    note: text('note'),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: version(),
  },
  (t) => [
    index('contacts_person_idx').on(t.personId),
    index('contacts_responsible_idx').on(t.responsibleHcId),
    index('contacts_became_case_idx').on(t.becameCaseId),
    check('contacts_outcome_check', sql`${t.outcome} in ('monitoring','completed','became_case','lost_to_follow_up','refused')`),
  ],
);

/** One contact between a source case and a contact person: setting, relation, last contact. */
export const contactExposures = pgTable(
  'contact_exposures',
  {
    id: id(),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id),
    sourceCaseId: uuid('source_case_id')
      .notNull()
      .references(() => cases.id),
    setting: text('setting').notNull(),
    relation: text('relation'),
    lastContactOn: date('last_contact_on').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('contact_exposures_pair_key').on(t.contactId, t.sourceCaseId),
    index('contact_exposures_source_idx').on(t.sourceCaseId),
    check('contact_exposures_setting_check', sql`${t.setting} in ('household','workplace','school','medical','facility','other')`),
  ],
);

/** 処理番号 for the contact-notification app (Q&A 2): only a hash is kept; the number is shown once. */
export const processingNumbers = pgTable(
  'processing_numbers',
  {
    id: id(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    /** HMAC-SHA256 of the number under the server's key (0034); 'erased:<id>' for numbers issued before. */
    numberHash: text('number_hash').notNull(),
    issuedBy: uuid('issued_by').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('processing_numbers_hash_key').on(t.numberHash), index('processing_numbers_case_idx').on(t.caseId)],
);

/** Identifiers of the case in other systems (NESID, a municipality's own), searchable (Q&A 10). */
export const caseExternalIds = pgTable(
  'case_external_ids',
  {
    id: id(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    system: text('system').notNull(),
    value: text('value').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    // A NESID ID names one case nationwide; local IDs are each municipality's own and may repeat.
    uniqueIndex('case_external_ids_nesid_key').on(t.value).where(sql`${t.system} = 'nesid'`),
    index('case_external_ids_lookup_idx').on(t.system, t.value),
    index('case_external_ids_case_idx').on(t.caseId),
    check('case_external_ids_system_check', sql`${t.system} in ('nesid','local')`),
  ],
);

/**
 * Messages to send, written in the same transaction as the work that causes them and delivered
 * by a worker (src/server/jobs/outbox-worker.ts), so none is lost when the mail server is down.
 * Holds no personal data: e-mails carry only ids such as the self-report ID (Q&A 14-2).
 */
export const outbox = pgTable(
  'outbox',
  {
    id: id(),
    kind: text('kind').notNull(),
    payload: jsonb('payload').notNull(),
    createdAt: createdAt(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    /** A worker that took the message has it until then; another may take it after. */
    leasedUntil: timestamp('leased_until', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    lastError: text('last_error'),
  },
  (t) => [
    index('outbox_due_idx').on(t.nextAttemptAt).where(sql`${t.sentAt} IS NULL`),
    check('outbox_kind_check', sql`${t.kind} in ('email','sms')`),
  ],
);

/**
 * Idempotency-Key (IETF httpapi draft): the first successful answer to a user's keyed request, so
 * that a retry of it is answered the same without doing the work again. Kept for 24 hours.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    /** The user; for a patient (My HER-SYS), the case they signed in with. */
    userId: uuid('user_id').notNull(),
    key: text('key').notNull(),
    /** SHA-256 of the method, path and body: the same key with another request is refused. */
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code').notNull(),
    response: text('response').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] }), index('idempotency_keys_created_idx').on(t.createdAt)],
);

/** 検査: test records of a case (method, specimen, dates, result). Up to 4 are entered at once (Q&A 6). */
export const labTests = pgTable(
  'lab_tests',
  {
    id: id(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    /** Tests entered together share an entry id. */
    entryId: uuid('entry_id').notNull(),
    method: text('method').notNull(),
    specimen: text('specimen').notNull(),
    specimenOther: text('specimen_other'),
    collectedOn: date('collected_on'),
    result: text('result').notNull(),
    resultOn: date('result_on'),
    labName: text('lab_name'),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: version(),
  },
  (t) => [index('lab_tests_case_idx').on(t.caseId)],
);

/**
 * 発生届: the legal notification. The legal core is typed columns; the disease-specific items are
 * `answers` under the versioned form definition named by formId/formVersion (DESIGN.md §2b).
 */
export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    formId: text('form_id').notNull(),
    formVersion: text('form_version').notNull(),
    classification: text('classification').notNull(),
    /** draft -> submitted; withdrawn by the health centre (kept, out of counts). */
    status: text('status').notNull().default('draft'),
    /** The reporting medical institution and its doctor (the law's reporter). */
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => organizations.id),
    doctorUserId: uuid('doctor_user_id'),
    doctorName: text('doctor_name'),
    /** The institution as reported at 「報告」: the legal record keeps it even if the institution moves. */
    reporterInstitutionName: text('reporter_institution_name'),
    reporterAddress: text('reporter_address'),
    reporterPhone: text('reporter_phone'),
    /** direct (the institution entered it) | fax | paper (a health centre entered it on its behalf). */
    source: text('source').notNull().default('direct'),
    diagnosedOn: date('diagnosed_on'),
    initialConsultationOn: date('initial_consultation_on'),
    specimenCollectedOn: date('specimen_collected_on'),
    onsetOn: date('onset_on'),
    estimatedInfectionOn: date('estimated_infection_on'),
    deathOn: date('death_on'),
    occupation: text('occupation'),
    admitted: boolean('admitted'),
    symptomatic: boolean('symptomatic'),
    clinicalDiagnosis: boolean('clinical_diagnosis').notNull().default(false),
    answers: jsonb('answers').notNull().default({}),
    /** The day it is due by (src/domain/deadlines.ts), from the diagnosis date and the disease's deadline. */
    dueOn: date('due_on'),
    /** The first 「報告」 came after dueOn: flagged to the centre. */
    submittedLate: boolean('submitted_late').notNull().default(false),
    acknowledgedWarnings: text('acknowledged_warnings').array().notNull().default(sql`'{}'::text[]`),
    firstSubmittedAt: timestamp('first_submitted_at', { withTimezone: true }),
    submittedBy: uuid('submitted_by'),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    confirmedBy: uuid('confirmed_by'),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnBy: uuid('withdrawn_by'),
    withdrawnReason: text('withdrawn_reason'),
    /** Set when a later notification was added to the case (追加登録): read-only from then (Q&A 7). */
    supersededAt: timestamp('superseded_at', { withTimezone: true }),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: version(),
  },
  (t) => [
    index('notifications_case_idx').on(t.caseId),
    index('notifications_institution_idx').on(t.institutionId),
    index('notifications_due_idx')
      .on(t.dueOn)
      .where(sql`${t.status} = 'draft' OR (${t.submittedLate} AND ${t.confirmedAt} IS NULL)`),
    check('notifications_classification_check', sql`${t.classification} in ('patient','asymptomatic_carrier','suspected','deceased','suspected_deceased')`),
    check('notifications_status_check', sql`${t.status} in ('draft','submitted','withdrawn')`),
    check('notifications_source_check', sql`${t.source} in ('direct','fax','paper')`),
  ],
);

/** The first submission of each classification: its date is the submission and acceptance date, never changed (Q&A 8). */
export const notificationSubmissions = pgTable(
  'notification_submissions',
  {
    notificationId: uuid('notification_id')
      .notNull()
      .references(() => notifications.id),
    classification: text('classification').notNull(),
    submittedOn: date('submitted_on').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    submittedBy: uuid('submitted_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.notificationId, t.classification] })],
);

/** Corrections after submission: who, when, why, and each item's old and new value. */
export const notificationChanges = pgTable(
  'notification_changes',
  {
    id: id(),
    notificationId: uuid('notification_id')
      .notNull()
      .references(() => notifications.id),
    changedBy: uuid('changed_by').notNull(),
    /** Who, as they were named then: readers of the history may not see the users table (RLS). */
    changedByName: text('changed_by_name'),
    changedByOrgName: text('changed_by_org_name'),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
    reason: text('reason'),
    changes: jsonb('changes').notNull(),
  },
  (t) => [index('notification_changes_notification_idx').on(t.notificationId)],
);

/**
 * My HER-SYS (issue 11): a case whose patient was invited to report their own health. Sign-in
 * failures count here, per case, as staff logins count on credentials.
 */
export const patientAccess = pgTable(
  'patient_access',
  {
    caseId: uuid('case_id')
      .primaryKey()
      .references(() => cases.id),
    invitedAt: timestamp('invited_at', { withTimezone: true }).notNull().defaultNow(),
    invitedBy: uuid('invited_by').references(() => users.id),
    /** How the invitation and one-time codes go: email | sms. */
    channel: text('channel').notNull(),
    /** The last day of observation (療養期間の最終日), inclusive: reminders run through it. */
    observeUntil: date('observe_until').notNull(),
    /** The patient's preferred reminder time (Japan, HH:MM); null = the centre's. */
    reminderTime: text('reminder_time'),
    remindersPausedAt: timestamp('reminders_paused_at', { withTimezone: true }),
    remindersPausedBy: uuid('reminders_paused_by').references(() => users.id),
    /** The day (Japan) of the last reminder sent: at most one a day. */
    lastRemindedOn: date('last_reminded_on'),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lastFailedAt: timestamp('last_failed_at', { withTimezone: true }),
    lockedAt: timestamp('locked_at', { withTimezone: true }),
    version: version(),
  },
  (t) => [
    check('patient_access_channel_check', sql`${t.channel} in ('email','sms')`),
    check('patient_access_reminder_time_check', sql`${t.reminderTime} ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`),
    // The reminder run reads the cases still to observe.
    index('patient_access_observe_idx').on(t.observeUntil).where(sql`${t.remindersPausedAt} IS NULL`),
  ],
);

/** A patient's sign-in: a one-time code first (stage 'code'), then the session (stage 'done'). */
export const patientSessions = pgTable(
  'patient_sessions',
  {
    id: id(),
    tokenHash: text('token_hash').notNull(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    stage: text('stage').notNull(),
    /** SHA-256 of the one-time code, its expiry and the wrong codes tried for it. */
    codeHash: text('code_hash'),
    codeExpiresAt: timestamp('code_expires_at', { withTimezone: true }),
    codeAttempts: integer('code_attempts').notNull().default(0),
    clientAddr: text('client_addr'),
    userAgent: text('user_agent'),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endedReason: text('ended_reason'),
  },
  (t) => [
    uniqueIndex('patient_sessions_token_hash_key').on(t.tokenHash),
    index('patient_sessions_case_idx').on(t.caseId),
    index('patient_sessions_expires_idx').on(t.expiresAt),
    check('patient_sessions_stage_check', sql`${t.stage} in ('code','done')`),
  ],
);

/** Household (Sara Alert's head of household): the case whose patient reports for this one. */
export const householdLinks = pgTable(
  'household_links',
  {
    caseId: uuid('case_id')
      .primaryKey()
      .references(() => cases.id),
    headCaseId: uuid('head_case_id')
      .notNull()
      .references(() => cases.id),
    linkedBy: uuid('linked_by').references(() => users.id),
    linkedAt: timestamp('linked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('household_links_head_idx').on(t.headCaseId), check('household_links_not_self_check', sql`${t.caseId} <> ${t.headCaseId}`)],
);

/** 「このアクセスについて問い合わせる」: a patient's question about one access, for the organisation's administrator. */
export const accessQuestions = pgTable(
  'access_questions',
  {
    id: id(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    /** The audit row asked about, and the organisation that made the access. */
    auditSeq: bigint('audit_seq', { mode: 'number' }).notNull(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    question: text('question').notNull(),
    askedAt: timestamp('asked_at', { withTimezone: true }).notNull().defaultNow(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    answeredBy: uuid('answered_by').references(() => users.id),
    answer: text('answer'),
  },
  (t) => [index('access_questions_org_idx').on(t.orgId, t.askedAt), uniqueIndex('access_questions_case_seq_key').on(t.caseId, t.auditSeq)],
);

/** bytea as a Buffer: the photo of a self-test (PGlite answers Uint8Array, node-postgres Buffer). */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/**
 * 陽性者登録 (issue 11): a positive self-test registered by the person, waiting for the follow-up
 * centre of its prefecture. Readable by the centre's staff and the prefecture's (RLS, migration
 * 0022) once the code was confirmed; written by the public form as the system.
 */
export const selfRegistrations = pgTable(
  'self_registrations',
  {
    id: id(),
    reference: text('reference').notNull(),
    prefectureId: uuid('prefecture_id')
      .notNull()
      .references(() => organizations.id),
    status: text('status').notNull().default('pending_code'),
    nameKanji: text('name_kanji').notNull(),
    nameKana: text('name_kana').notNull(),
    sex: text('sex').notNull(),
    birthDate: date('birth_date').notNull(),
    address: text('address').notNull(),
    phone: text('phone').notNull(),
    email: text('email'),
    /** Where the code, and later the result, goes. */
    channel: text('channel').notNull(),
    testKitName: text('test_kit_name').notNull(),
    specimen: text('specimen').notNull(),
    testDate: date('test_date').notNull(),
    photo: bytea('photo'),
    photoType: text('photo_type'),
    symptoms: text('symptoms').array().notNull().default(sql`'{}'::text[]`),
    onsetDate: date('onset_date'),
    riskFactors: text('risk_factors').array().notNull().default(sql`'{}'::text[]`),
    /** SHA-256 of the 6-digit code, its expiry and the wrong codes tried. */
    codeHash: text('code_hash'),
    codeExpiresAt: timestamp('code_expires_at', { withTimezone: true }),
    codeAttempts: integer('code_attempts').notNull().default(0),
    createdAt: createdAt(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    rejectReason: text('reject_reason'),
    rejectNote: text('reject_note'),
    acceptedCaseId: uuid('accepted_case_id').references(() => cases.id),
    version: version(),
  },
  (t) => [
    uniqueIndex('self_registrations_reference_key').on(t.reference),
    index('self_registrations_review_idx').on(t.prefectureId, t.status, t.submittedAt),
    check('self_registrations_status_check', sql`${t.status} in ('pending_code','submitted','accepted','rejected')`),
    check('self_registrations_sex_check', sql`${t.sex} in ('male','female')`),
    check('self_registrations_channel_check', sql`${t.channel} in ('email','sms')`),
    check('self_registrations_specimen_check', sql`${t.specimen} in ('nasal_swab','saliva')`),
    check('self_registrations_photo_check', sql`(${t.photo} IS NULL) = (${t.photoType} IS NULL) AND ${t.photoType} in ('image/jpeg','image/png') AND octet_length(${t.photo}) <= 2097152`),
    check('self_registrations_accepted_check', sql`(${t.status} = 'accepted') = (${t.acceptedCaseId} IS NOT NULL)`),
    check('self_registrations_rejected_check', sql`(${t.status} = 'rejected') = (${t.rejectReason} IS NOT NULL)`),
  ],
);

// --- Access review (issue 12) ------------------------------------------------------------------------
// The audit log stays append-only; what the review learns about each access lives beside it.

/**
 * Why an audited access to a case was work: one row per (audit row, case it touched), written by the
 * explanation job (src/server/access-review/explain.ts) from what the database held at the time.
 * `template` is the first explanation template that fits (src/domain/access-review/explanations.ts);
 * null: unexplained. `purposeOnly`: nothing but the purpose the user typed explains it.
 */
export const accessExplanations = pgTable(
  'access_explanations',
  {
    seq: bigint('seq', { mode: 'number' }).notNull(),
    caseId: uuid('case_id').notNull(),
    personId: uuid('person_id').notNull(),
    actorUserId: uuid('actor_user_id').notNull(),
    actorOrgId: uuid('actor_org_id').notNull(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    action: text('action').notNull(),
    template: text('template'),
    purposeOnly: boolean('purpose_only').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.seq, t.caseId] }),
    index('access_explanations_actor_idx').on(t.actorUserId, t.at),
    index('access_explanations_org_idx').on(t.actorOrgId, t.at),
    index('access_explanations_case_idx').on(t.caseId, t.at),
  ],
);

/** How far each review job has read the audit log: restartable, and never reads a row twice. */
export const accessReviewProgress = pgTable('access_review_progress', {
  job: text('job').primaryKey(),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * What the alerts job learnt of a user's day (src/server/access-review/alerts.ts): the distinct
 * cases opened and the client addresses used, the baselines of later days (the user's own and
 * their peers') without reading the log again.
 */
export const accessUserDays = pgTable(
  'access_user_days',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    day: date('day').notNull(),
    cases: integer('cases').notNull(),
    clientAddrs: text('client_addrs').array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.day] }), index('access_user_days_day_idx').on(t.day)],
);

/** A person whose record the centre marked sensitive: a public figure, or staff of an organisation. */
export const sensitivePersons = pgTable(
  'sensitive_persons',
  {
    personId: uuid('person_id')
      .primaryKey()
      .references(() => persons.id),
    kind: text('kind').notNull(),
    markedByOrgId: uuid('marked_by_org_id')
      .notNull()
      .references(() => organizations.id),
    markedBy: uuid('marked_by').references(() => users.id),
    markedAt: timestamp('marked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('sensitive_persons_kind_check', sql`${t.kind} in ('public_figure','staff','other')`)],
);

/**
 * An alert for the privacy officers of `reviewOrgId` (and of the organisations above it): risk-rule
 * hits on a user's accesses of a day, a hard limit crossed, a patient's question, or a report to
 * the 通報窓口. `hits`: [{ rule, weight, evidence: { seqs, caseIds, detail } }].
 */
export const reviewAlerts = pgTable(
  'review_alerts',
  {
    id: id(),
    source: text('source').notNull(),
    subjectUserId: uuid('subject_user_id').references(() => users.id),
    subjectOrgId: uuid('subject_org_id')
      .notNull()
      .references(() => organizations.id),
    reviewOrgId: uuid('review_org_id')
      .notNull()
      .references(() => organizations.id),
    day: date('day', { mode: 'string' }),
    score: integer('score').notNull().default(0),
    hits: jsonb('hits').notNull().default(sql`'[]'::jsonb`),
    status: text('status').notNull().default('open'),
    questionId: uuid('question_id').references(() => accessQuestions.id),
    /** A report to the 通報窓口 (source 'report'). */
    reportId: uuid('report_id').references((): AnyPgColumn => misuseReports.id),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: version(),
  },
  (t) => [
    check('review_alerts_source_check', sql`${t.source} in ('rules','hard_limit','patient_question','report')`),
    check('review_alerts_status_check', sql`${t.status} in ('open','asked','answered','escalated','dismissed','confirmed')`),
    index('review_alerts_queue_idx').on(t.reviewOrgId, t.status, t.createdAt),
    index('review_alerts_subject_idx').on(t.subjectUserId, t.day),
    // One rules alert per user and day: the job adds that day's new hits to it.
    uniqueIndex('review_alerts_rules_day_key').on(t.subjectUserId, t.day).where(sql`${t.source} = 'rules'`),
    uniqueIndex('review_alerts_question_key').on(t.questionId).where(sql`${t.questionId} IS NOT NULL`),
    uniqueIndex('review_alerts_report_key').on(t.reportId).where(sql`${t.reportId} IS NOT NULL`),
  ],
);

/** What officers did with an alert, and the user's answer when asked: the alert's history. */
export const reviewActions = pgTable(
  'review_actions',
  {
    id: id(),
    alertId: uuid('alert_id')
      .notNull()
      .references(() => reviewAlerts.id),
    action: text('action').notNull(),
    byUserId: uuid('by_user_id').references(() => users.id),
    byOrgId: uuid('by_org_id').references(() => organizations.id),
    text: text('text'),
    toOrgId: uuid('to_org_id').references(() => organizations.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('review_actions_action_check', sql`${t.action} in ('dismiss','ask','answer','escalate','confirm','note')`),
    index('review_actions_alert_idx').on(t.alertId, t.at),
  ],
);

// --- Leak incidents (issue 12, seed 004) -----------------------------------------------------------

/**
 * A leak of personal data (漏えい等の事案) and what the report upward must hold (seed 004): when it
 * happened and was found, what and how many, on which media, how those affected were told, secondary
 * damage, cause, measures, and the reports made with their dates. Lists in src/domain/privacy/incidents.ts.
 */
export const leakIncidents = pgTable(
  'leak_incidents',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    occurredAt: timestamp('occurred_at', { withTimezone: true }),
    discoveredAt: timestamp('discovered_at', { withTimezone: true }).notNull(),
    summary: text('summary').notNull(),
    dataKinds: text('data_kinds').notNull().default(''),
    recordCount: integer('record_count'),
    personCount: integer('person_count'),
    media: text('media').array().notNull().default(sql`'{}'`),
    mediaNote: text('media_note'),
    notification: text('notification'),
    notifiedOn: date('notified_on', { mode: 'string' }),
    secondaryDamage: text('secondary_damage').notNull().default('unknown'),
    secondaryDamageNote: text('secondary_damage_note'),
    cause: text('cause'),
    prevention: text('prevention'),
    reportedPrefectureOn: date('reported_prefecture_on', { mode: 'string' }),
    reportedMinistryOn: date('reported_ministry_on', { mode: 'string' }),
    reportedPpcOn: date('reported_ppc_on', { mode: 'string' }),
    status: text('status').notNull().default('open'),
    evidenceSeqs: bigint('evidence_seqs', { mode: 'number' }).array().notNull().default(sql`'{}'`),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: version(),
  },
  (t) => [
    check('leak_incidents_media_check', sql`${t.media} <@ ARRAY['paper','electronic','email','sns','device','other']::text[]`),
    check('leak_incidents_secondary_damage_check', sql`${t.secondaryDamage} in ('known','none','unknown')`),
    check('leak_incidents_status_check', sql`${t.status} in ('open','reported','closed')`),
    check('leak_incidents_counts_check', sql`coalesce(${t.recordCount}, 0) >= 0 AND coalesce(${t.personCount}, 0) >= 0`),
    index('leak_incidents_org_idx').on(t.orgId, t.discoveredAt),
  ],
);

/** The confirmed alerts an incident came from; an alert belongs to one incident at most. */
export const leakIncidentAlerts = pgTable(
  'leak_incident_alerts',
  {
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => leakIncidents.id),
    alertId: uuid('alert_id')
      .notNull()
      .references(() => reviewAlerts.id),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.alertId] }), uniqueIndex('leak_incident_alerts_alert_key').on(t.alertId)],
);

/** Who changed an incident, when, and which fields (the values are in the record and the audit trail). */
export const leakIncidentHistory = pgTable(
  'leak_incident_history',
  {
    id: id(),
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => leakIncidents.id),
    version: integer('version').notNull(),
    changedBy: uuid('changed_by').references(() => users.id),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
    fields: text('fields').array().notNull(),
  },
  (t) => [index('leak_incident_history_incident_idx').on(t.incidentId, t.version)],
);

/**
 * A report of suspected misuse to the 通報窓口 (issue 12), by a signed-in user (reporterUserId) or
 * through the public form (name and contact only if given). Read by the officers of its alert only.
 */
export const misuseReports = pgTable('misuse_reports', {
  id: id(),
  reporterUserId: uuid('reporter_user_id').references(() => users.id),
  reporterOrgId: uuid('reporter_org_id').references(() => organizations.id),
  reporterName: text('reporter_name'),
  reporterContact: text('reporter_contact'),
  /** Whose officers review it: the reporter's prefecture (the ministry for its own staff). */
  prefectureId: uuid('prefecture_id')
    .notNull()
    .references(() => organizations.id),
  what: text('what').notNull(),
  happened: text('happened'),
  suspect: text('suspect'),
  suspectOrgId: uuid('suspect_org_id').references(() => organizations.id),
  createdAt: createdAt(),
});

/** Issue 13: cases whose counts must be recomputed, queued by triggers on every row a count reads (migration 0029). */
export const countQueue = pgTable(
  'count_queue',
  {
    caseId: uuid('case_id').primaryKey(),
    queuedAt: timestamp('queued_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('count_queue_queued_idx').on(t.queuedAt)],
);

/** How each case was last counted, so that a recount subtracts exactly what it added. */
export const caseCounts = pgTable(
  'case_counts',
  {
    caseId: uuid('case_id')
      .primaryKey()
      .references(() => cases.id),
    countedAs: text('counted_as').notNull(),
    areaIds: uuid('area_ids').array().notNull(),
    classification: text('classification').notNull(),
    ageBand: text('age_band').notNull(),
    sex: text('sex').notNull(),
    municipality: text('municipality').notNull().default(''),
    contributions: jsonb('contributions').notNull(),
    countedAt: timestamp('counted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('case_counts_counted_as_check', sql`${t.countedAs} in ('counted','not_notified','withdrawn','same_episode','other_disease')`)],
);

/** Each case's place in the weekly report's counts, kept by the counts job (migration 0050). */
export const weeklyCaseFacts = pgTable(
  'weekly_case_facts',
  {
    caseId: uuid('case_id')
      .primaryKey()
      .references(() => cases.id),
    prefecture: text('prefecture'),
    disease: text('disease').notNull(),
    diagnosedOn: date('diagnosed_on').notNull(),
    classification: text('classification').notNull(),
    age: integer('age'),
    sex: text('sex'),
  },
  (t) => [
    index('weekly_case_facts_day_idx').on(t.diagnosedOn),
    index('weekly_case_facts_prefecture_day_idx').on(t.prefecture, t.diagnosedOn),
  ],
);

/** The sums the dashboards read: per area, measure and day, by classification, age band and sex. */
export const countRollup = pgTable(
  'count_rollup',
  {
    areaId: uuid('area_id').notNull(),
    measure: text('measure').notNull(),
    day: date('day').notNull(),
    classification: text('classification').notNull(),
    ageBand: text('age_band').notNull(),
    sex: text('sex').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.areaId, t.measure, t.day, t.classification, t.ageBand, t.sex] })],
);

/** The same sums per area, measure and day, each breakdown on its own and the total (dim 'all'): what the dashboards read (migration 0033). */
export const countBy = pgTable(
  'count_by',
  {
    areaId: uuid('area_id').notNull(),
    measure: text('measure').notNull(),
    day: date('day').notNull(),
    dim: text('dim').notNull(),
    grp: text('grp').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.areaId, t.measure, t.dim, t.day, t.grp] }),
    check('count_by_dim_check', sql`${t.dim} in ('all','month','classification','age_band','sex','municipality')`),
  ],
);

export const countProgress = pgTable(
  'count_progress',
  {
    id: integer('id').primaryKey().default(1),
    countedAt: timestamp('counted_at', { withTimezone: true }),
  },
  (t) => [check('count_progress_id_check', sql`${t.id} = 1`)],
);

/** Issue 13: an open-data publication, frozen; its files and the revisions it makes to earlier ones (migration 0031). */
export const publications = pgTable('publications', {
  id: id(),
  publishedOn: date('published_on').notNull().unique(),
  coversFrom: date('covers_from').notNull(),
  coversTo: date('covers_to').notNull(),
  threshold: integer('threshold').notNull(),
  createdAt: createdAt(),
});

export const publicationFiles = pgTable(
  'publication_files',
  {
    publicationId: uuid('publication_id')
      .notNull()
      .references(() => publications.id),
    fileId: text('file_id').notNull(),
    csvGzip: bytea('csv_gzip').notNull(),
    sha256: text('sha256').notNull(),
    rows: integer('rows').notNull(),
  },
  (t) => [primaryKey({ columns: [t.publicationId, t.fileId] })],
);

export const publicationRevisions = pgTable(
  'publication_revisions',
  {
    publicationId: uuid('publication_id')
      .notNull()
      .references(() => publications.id),
    fileId: text('file_id').notNull(),
    rowKey: text('row_key').notNull(),
    columnName: text('column_name').notNull(),
    previous: text('previous').notNull(),
    value: text('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.publicationId, t.fileId, t.rowKey, t.columnName] })],
);

// --- the daily aggregate report (日次報告, issue 13; RLS, the view daily_report_counts: migration 0030) ---

/** One institution's counts of a day (the day the positives were diagnosed), under a form version. */
export const dailyReports = pgTable(
  'daily_reports',
  {
    id: id(),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => organizations.id),
    /** The centre of the institution's area and its prefecture when filed: scope and statistics. */
    healthCenterId: uuid('health_center_id')
      .notNull()
      .references(() => organizations.id),
    prefectureId: uuid('prefecture_id')
      .notNull()
      .references(() => organizations.id),
    reportDate: date('report_date').notNull(),
    formId: text('form_id').notNull(),
    formVersion: text('form_version').notNull(),
    /** Cell id (src/domain/daily-reports/definition.ts cellsOf) -> count; every cell of the version. */
    counts: jsonb('counts').$type<Record<string, number>>().notNull(),
    filedBy: uuid('filed_by')
      .notNull()
      .references(() => users.id),
    /** The first filing: a report first filed after its day is late, however it is corrected. */
    filedAt: timestamp('filed_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }),
    version: version(),
  },
  (t) => [
    uniqueIndex('daily_reports_institution_day_key').on(t.institutionId, t.reportDate),
    index('daily_reports_hc_day_idx').on(t.healthCenterId, t.reportDate),
    index('daily_reports_prefecture_day_idx').on(t.prefectureId, t.reportDate),
    check('daily_reports_counts_check', sql`jsonb_typeof(${t.counts}) = 'object'`),
  ],
);

/** Every filing and correction of a report with the counts it set and why (append-only). */
export const dailyReportChanges = pgTable(
  'daily_report_changes',
  {
    id: id(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => dailyReports.id),
    version: integer('version').notNull(),
    kind: text('kind').$type<'filed' | 'corrected'>().notNull(),
    counts: jsonb('counts').$type<Record<string, number>>().notNull(),
    reason: text('reason'),
    changedBy: uuid('changed_by')
      .notNull()
      .references(() => users.id),
    changedByOrgId: uuid('changed_by_org_id')
      .notNull()
      .references(() => organizations.id),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('daily_report_changes_report_version_key').on(t.reportId, t.version),
    check('daily_report_changes_kind_check', sql`${t.kind} in ('filed','corrected')`),
  ],
);

/** Institutions their centre or prefecture expects to file every day (zeros included). */
export const dailyReportExpected = pgTable(
  'daily_report_expected',
  {
    institutionId: uuid('institution_id')
      .primaryKey()
      .references(() => organizations.id),
    healthCenterId: uuid('health_center_id')
      .notNull()
      .references(() => organizations.id),
    prefectureId: uuid('prefecture_id')
      .notNull()
      .references(() => organizations.id),
    setBy: uuid('set_by')
      .notNull()
      .references(() => users.id),
    setAt: timestamp('set_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('daily_report_expected_hc_idx').on(t.healthCenterId)],
);

/** Issue 13: daily reports whose counts must be added again, queued by a trigger on filing and correction (migration 0032). */
export const reportCountQueue = pgTable('report_count_queue', {
  reportId: uuid('report_id').primaryKey(),
  queuedAt: timestamp('queued_at', { withTimezone: true }).notNull().defaultNow(),
});

/** What each daily report last added to the rollups, so that a correction subtracts exactly that. */
export const reportCounts = pgTable('report_counts', {
  reportId: uuid('report_id')
    .primaryKey()
    .references(() => dailyReports.id),
  areaIds: uuid('area_ids').array().notNull(),
  cells: jsonb('cells').notNull(),
  countedAt: timestamp('counted_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Issue 14: break-the-glass grants (migration 0036). While a grant is in force (not ended, not
 * expired) the scope functions let its user read the case, and write it when the reason allows
 * (src/domain/privacy/break-glass.ts). The responsible centre sees the grants on its cases and marks them seen.
 */
export const breakGlassGrants = pgTable(
  'break_glass_grants',
  {
    id: id(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    responsibleHcId: uuid('responsible_hc_id')
      .notNull()
      .references(() => organizations.id),
    caseNumber: text('case_number').notNull(),
    userName: text('user_name').notNull(),
    orgName: text('org_name').notNull(),
    responsibleHcName: text('responsible_hc_name').notNull(),
    reason: text('reason').notNull(),
    note: text('note').notNull(),
    writes: boolean('writes').notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    seenAt: timestamp('seen_at', { withTimezone: true }),
    seenBy: uuid('seen_by').references(() => users.id),
    seenByName: text('seen_by_name'),
    version: version(),
  },
  (t) => [
    index('break_glass_grants_user_case_idx').on(t.userId, t.caseId, t.expiresAt).where(sql`${t.endedAt} IS NULL`),
    index('break_glass_grants_centre_idx').on(t.responsibleHcId, t.grantedAt),
    index('break_glass_grants_case_idx').on(t.caseId),
    check('break_glass_grants_reason_check', sql`${t.reason} in ('emergency_treatment','emergency_admission','transfer_pending','public_health_risk')`),
    check('break_glass_grants_period_check', sql`${t.expiresAt} > ${t.grantedAt} AND ${t.expiresAt} - ${t.grantedAt} <= interval '24 hours'`),
  ],
);

/** Helpdesk access (issue 14, Q&A 24; migration 0038): a support ticket's read-only, time-boxed access to a case, approved by its centre. */
export const helpdeskAccesses = pgTable(
  'helpdesk_accesses',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    caseNumber: text('case_number').notNull(),
    /** Null when no case has the number: the request is kept all the same and lapses. */
    caseId: uuid('case_id').references(() => cases.id),
    responsibleHcId: uuid('responsible_hc_id').references(() => organizations.id),
    ticket: text('ticket').notNull(),
    reason: text('reason').notNull(),
    userName: text('user_name').notNull(),
    contractorName: text('contractor_name'),
    mode: text('mode').notNull(),
    hours: numeric('hours', { mode: 'number' }).notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    startsAt: timestamp('starts_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    decision: text('decision'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedByName: text('decided_by_name'),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endedByName: text('ended_by_name'),
    version: version(),
  },
  (t) => [
    index('helpdesk_accesses_user_case_idx').on(t.userId, t.caseId, t.expiresAt).where(sql`${t.endedAt} IS NULL`),
    index('helpdesk_accesses_centre_idx').on(t.responsibleHcId, t.requestedAt),
    index('helpdesk_accesses_requester_idx').on(t.userId, t.requestedAt),
    check('helpdesk_accesses_mode_check', sql`${t.mode} in ('approve','notify')`),
    check('helpdesk_accesses_decision_check', sql`${t.decision} in ('approved','refused')`),
    check('helpdesk_accesses_hours_check', sql`${t.hours} > 0 AND ${t.hours} <= 24`),
    check('helpdesk_accesses_case_check', sql`(${t.caseId} IS NULL) = (${t.responsibleHcId} IS NULL)`),
    check(
      'helpdesk_accesses_period_check',
      sql`(${t.startsAt} IS NULL) = (${t.expiresAt} IS NULL) AND (${t.startsAt} IS NULL OR (${t.expiresAt} > ${t.startsAt} AND ${t.expiresAt} - ${t.startsAt} <= interval '24 hours'))`,
    ),
  ],
);

/** 権限の棚卸し (issue 14, migration 0035): one campaign per organisation and period. */
export const permissionReviewCampaigns = pgTable(
  'permission_review_campaigns',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    /** Case records opened are counted from here to opened_at. */
    periodStart: timestamp('period_start', { withTimezone: true }).notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    escalatedTo: uuid('escalated_to').references(() => organizations.id),
    version: version(),
  },
  (t) => [
    uniqueIndex('permission_review_campaigns_open_key').on(t.orgId).where(sql`${t.completedAt} IS NULL`),
    index('permission_review_campaigns_org_idx').on(t.orgId, t.openedAt),
    index('permission_review_campaigns_escalated_idx').on(t.escalatedTo).where(sql`${t.escalatedTo} IS NOT NULL`),
    check('permission_review_campaigns_dates_check', sql`${t.periodStart} <= ${t.openedAt} AND ${t.openedAt} < ${t.dueAt}`),
    check('permission_review_campaigns_completed_check', sql`${t.completedAt} IS NULL OR ${t.completedAt} >= ${t.openedAt}`),
  ],
);

/** One ID of a campaign as it was at opening, and the administrator's decision on it (made once). */
export const permissionReviewItems = pgTable(
  'permission_review_items',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => permissionReviewCampaigns.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    roles: text('roles').array().notNull(),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    casesOpened: integer('cases_opened').notNull(),
    decision: text('decision'),
    rolesKept: text('roles_kept').array(),
    reason: text('reason'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    version: version(),
  },
  (t) => [
    primaryKey({ columns: [t.campaignId, t.userId] }),
    index('permission_review_items_user_idx').on(t.userId),
    check('permission_review_items_decision_check', sql`${t.decision} IN ('confirmed', 'roles_revoked', 'suspended')`),
  ],
);

/**
 * Issue 14: exports that can be traced (migration 0037). The file is never stored; the row keeps what
 * was asked, by whom and why, the approval, the fetch, and the export's key sealed under the envelope.
 */
export const exports = pgTable(
  'exports',
  {
    id: uuid('id').primaryKey(),
    requesterId: uuid('requester_id')
      .notNull()
      .references(() => users.id),
    requesterName: text('requester_name').notNull(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    orgName: text('org_name').notNull(),
    kind: text('kind').notNull(),
    format: text('format').notNull(),
    encrypted: boolean('encrypted').notNull(),
    filters: jsonb('filters').notNull(),
    reason: text('reason').notNull(),
    note: text('note').notNull(),
    rowCount: integer('row_count').notNull(),
    needsApproval: boolean('needs_approval').notNull(),
    status: text('status').notNull(),
    approverId: uuid('approver_id').references(() => users.id),
    approverName: text('approver_name'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    fetchedAt: timestamp('fetched_at', { withTimezone: true }),
    fetchedRows: integer('fetched_rows'),
    sealedKey: text('sealed_key').notNull(),
    clientKey: text('client_key'),
    version: version(),
  },
  (t) => [
    index('exports_requester_idx').on(t.requesterId, t.createdAt),
    index('exports_pending_idx').on(t.orgId, t.createdAt).where(sql`${t.status} = 'pending_approval'`),
    uniqueIndex('exports_client_key_idx').on(t.requesterId, t.clientKey).where(sql`${t.clientKey} IS NOT NULL`),
    check('exports_kind_check', sql`${t.kind} in ('case_list','line_list')`),
    check('exports_format_check', sql`${t.format} in ('csv','xlsx') AND (NOT ${t.encrypted} OR ${t.format} = 'xlsx')`),
    check('exports_reason_check', sql`${t.reason} in ('outbreak_investigation','followup_work','report_to_authority','admission_coordination','other')`),
    check('exports_status_check', sql`${t.status} in ('pending_approval','ready','fetched','expired','refused')`),
    check('exports_approver_check', sql`${t.approverId} IS NULL OR ${t.approverId} <> ${t.requesterId}`),
    check('exports_approval_check', sql`NOT ${t.needsApproval} OR ${t.status} in ('pending_approval','refused') OR ${t.approverId} IS NOT NULL`),
    check('exports_key_sealed_check', sql`${t.sealedKey} LIKE 'v1:%'`),
  ],
);

/** Pseudonymised extracts (issue 14, Q&A 21–22, migration 0039): the log of each, with its purpose and recipient. */
export const extracts = pgTable(
  'extracts',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    userName: text('user_name').notNull(),
    orgName: text('org_name').notNull(),
    /** What the cases were, in words (the organisation's scope and the period): row-level security chose them. */
    scope: text('scope').notNull(),
    periodFrom: date('period_from').notNull(),
    periodTo: date('period_to').notNull(),
    quasiIdentifiers: text('quasi_identifiers').array().notNull(),
    k: integer('k').notNull(),
    rowsRead: integer('rows_read').notNull(),
    rowsReleased: integer('rows_released').notNull(),
    rowsSuppressed: integer('rows_suppressed').notNull(),
    cellsSuppressed: integer('cells_suppressed').notNull(),
    suppressedColumn: text('suppressed_column'),
    purpose: text('purpose').notNull(),
    recipient: text('recipient').notNull(),
    format: text('format').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('extracts_org_created_idx').on(t.orgId, t.createdAt),
    check('extracts_k_check', sql`${t.k} BETWEEN 2 AND 100`),
    check('extracts_period_check', sql`${t.periodTo} >= ${t.periodFrom}`),
    check('extracts_rows_check', sql`${t.rowsReleased} >= 0 AND ${t.rowsSuppressed} >= 0 AND ${t.rowsReleased} + ${t.rowsSuppressed} = ${t.rowsRead}`),
    check(
      'extracts_quasi_identifiers_check',
      sql`cardinality(${t.quasiIdentifiers}) >= 1 AND ${t.quasiIdentifiers} <@ ARRAY['age_band','sex','municipality','onset_week','diagnosis_week']::text[]`,
    ),
    check('extracts_format_check', sql`${t.format} in ('csv','xlsx')`),
  ],
);

/** Retention (issue 14, migration 0040): each run of the job, counts only. */
export const retentionRuns = pgTable(
  'retention_runs',
  {
    id: id(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    dryRun: boolean('dry_run').notNull(),
    retentionYears: integer('retention_years').notNull(),
    personsDue: integer('persons_due').notNull().default(0),
    personsProcessed: integer('persons_processed').notNull().default(0),
    auditRowsRedacted: integer('audit_rows_redacted').notNull().default(0),
    /** Audit rows of a retained person hashed before version 3: their details cannot be redacted without breaking the chain. */
    auditRowsKept: integer('audit_rows_kept').notNull().default(0),
    triggeredBy: text('triggered_by').notNull(),
    failed: boolean('failed').notNull().default(false),
  },
  (t) => [index('retention_runs_started_idx').on(t.startedAt), check('retention_runs_triggered_by_check', sql`${t.triggeredBy} in ('scheduler','cli')`)],
);

/** FHIR API clients (issue 15, migration 0041): a system of one medical institution, acting through its service-account ID. */
export const fhirClients = pgTable(
  'fhir_clients',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    name: text('name').notNull(),
    /** The public key (JWK) its client assertions are signed with. */
    jwk: jsonb('jwk').notNull(),
    alg: text('alg').notNull(),
    scopes: text('scopes').array().notNull(),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by'),
  },
  (t) => [
    uniqueIndex('fhir_clients_user_key').on(t.userId),
    index('fhir_clients_org_idx').on(t.orgId),
    check('fhir_clients_alg_check', sql`${t.alg} in ('RS384','ES384')`),
    check('fhir_clients_scopes_check', sql`cardinality(${t.scopes}) > 0`),
  ],
);

/** Access tokens of FHIR clients: only the SHA-256 of each (the system alone reads them). */
export const fhirAccessTokens = pgTable(
  'fhir_access_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => fhirClients.id),
    scopes: text('scopes').array().notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('fhir_access_tokens_client_idx').on(t.clientId), index('fhir_access_tokens_expires_idx').on(t.expiresAt)],
);

/** Client-assertion ids already used, kept until the assertion expires (no replay). */
export const fhirAssertionJtis = pgTable(
  'fhir_assertion_jtis',
  {
    clientId: uuid('client_id')
      .notNull()
      .references(() => fhirClients.id),
    jti: text('jti').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.clientId, t.jti] }), index('fhir_assertion_jtis_expires_idx').on(t.expiresAt)],
);

/**
 * Issue 16: sentinel sites (定点医療機関), designated by their prefecture for a kind
 * (src/domain/sentinel/kinds.ts) from a day until a day (inclusive; null: open). Ended ones stay.
 */
export const sentinelDesignations = pgTable(
  'sentinel_designations',
  {
    id: id(),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => organizations.id),
    healthCenterId: uuid('health_center_id')
      .notNull()
      .references(() => organizations.id),
    prefectureId: uuid('prefecture_id')
      .notNull()
      .references(() => organizations.id),
    kind: text('kind').$type<SentinelKind>().notNull(),
    fromDate: date('from_date').notNull(),
    untilDate: date('until_date'),
    designatedBy: uuid('designated_by')
      .notNull()
      .references(() => users.id),
    designatedAt: timestamp('designated_at', { withTimezone: true }).notNull().defaultNow(),
    endedBy: uuid('ended_by').references(() => users.id),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    version: version(),
  },
  (t) => [
    uniqueIndex('sentinel_designations_open_key').on(t.institutionId, t.kind).where(sql`${t.untilDate} IS NULL`),
    index('sentinel_designations_prefecture_idx').on(t.prefectureId, t.kind),
    check('sentinel_designations_period_check', sql`${t.untilDate} IS NULL OR ${t.untilDate} >= ${t.fromDate}`),
  ],
);

/** Issue 16: a sentinel site's weekly report (定点報告), one per institution, kind and ISO week (migration 0046). */
export const sentinelReports = pgTable(
  'sentinel_reports',
  {
    id: id(),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => organizations.id),
    healthCenterId: uuid('health_center_id')
      .notNull()
      .references(() => organizations.id),
    prefectureId: uuid('prefecture_id')
      .notNull()
      .references(() => organizations.id),
    kind: text('kind').$type<SentinelKind>().notNull(),
    /** The Monday of the ISO week (src/domain/iso-week.ts). */
    weekStart: date('week_start').notNull(),
    formId: text('form_id').notNull(),
    formVersion: text('form_version').notNull(),
    /** Disease code -> cell id (src/domain/count-grid.ts) -> patients; every cell of every disease of the version. */
    counts: jsonb('counts').$type<Record<string, Record<string, number>>>().notNull(),
    filedBy: uuid('filed_by')
      .notNull()
      .references(() => users.id),
    filedAt: timestamp('filed_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }),
    version: version(),
  },
  (t) => [
    uniqueIndex('sentinel_reports_institution_week_key').on(t.institutionId, t.kind, t.weekStart),
    index('sentinel_reports_prefecture_week_idx').on(t.prefectureId, t.kind, t.weekStart),
    index('sentinel_reports_hc_week_idx').on(t.healthCenterId, t.weekStart),
    check('sentinel_reports_counts_check', sql`jsonb_typeof(${t.counts}) = 'object'`),
    check('sentinel_reports_monday_check', sql`extract(isodow from ${t.weekStart}) = 1`),
  ],
);

/** Every filing and correction of a sentinel report with the counts it set and why (append-only). */
export const sentinelReportChanges = pgTable(
  'sentinel_report_changes',
  {
    id: id(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => sentinelReports.id),
    version: integer('version').notNull(),
    kind: text('kind').$type<'filed' | 'corrected'>().notNull(),
    counts: jsonb('counts').$type<Record<string, Record<string, number>>>().notNull(),
    reason: text('reason'),
    changedBy: uuid('changed_by')
      .notNull()
      .references(() => users.id),
    changedByOrgId: uuid('changed_by_org_id')
      .notNull()
      .references(() => organizations.id),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('sentinel_report_changes_report_version_key').on(t.reportId, t.version),
    check('sentinel_report_changes_kind_check', sql`${t.kind} in ('filed','corrected')`),
  ],
);

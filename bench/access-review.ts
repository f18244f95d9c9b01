// The access review on a generated month (issue 12): staff and cases added to the synthetic country
// (src/server/demo/activity/setup.ts), a month of their work with planted misuse written straight
// into the audit log (bulk: its chain is not meant to verify), then the detector's two jobs —
// explain every access, raise the alerts — timed, and their answer scored against the ground truth:
//   normal accesses explained        access_explanations of rows not planted, with a template (≥ 99 %)
//   planted misuse found             a planted (user, day) with an alert for that user that day, or a
//                                    hard-limit alert, whose evidence holds one of its rows (≥ 95 %)
//   normal staff with an alert       per full week of the month, the share of normal staff with any alert (≤ 1 %)
//   time to explain the month        10 M audit rows of a large city on PostgreSQL (≤ 10 minutes)
//
//   BENCH_AUDIT_ROWS=10000000  the month's size on PostgreSQL (PGlite: a tenth of it)
import { writeActivityMonth, type MonthWritten } from '../src/server/demo/activity/month.ts';
import { MISUSE_KINDS, type MisuseKind } from '../src/server/demo/activity/model.ts';
import { explainAll, raiseAll } from '../src/server/demo/activity/review-jobs.ts';
import { addActivityWorld } from '../src/server/demo/activity/setup.ts';
import type { BenchTarget } from './engines.ts';
import type { Country } from './synthetic.ts';

const AUDIT_ROWS = Number(process.env.BENCH_AUDIT_ROWS ?? 10_000_000);
/** August 2022, the seventh wave; the country's cases span 2022-01 to 2023-05. */
const START = new Date('2022-08-01T00:00:00+09:00');
const DAYS = 30;
const DAY = 86_400_000;
/** Audit rows a centre writes a day per new case a day, with the staffing below (measured on small runs). */
const ROWS_PER_CASE_DAY = 34;

export interface AccessReviewResult {
  target: number;
  month: MonthWritten;
  staffAdded: number;
  casesAdded: number;
  plantsPerKind: number;
  worldSeconds: number;
  writeSeconds: number;
  review: {
    explainSeconds: number;
    alertSeconds: number;
    accesses: number;
    normal: { accesses: number; explained: number; purposeOnly: number };
    found: Record<MisuseKind, { planted: number; found: number }>;
    weeks: { normalStaff: number; withAlert: number }[];
    /** Normal staff's alerts of the month by the rules that raised them (the false alarms, to tune the rules by). */
    falseAlarms: Record<string, number>;
    alerts: number;
  } | null;
}

export async function accessReview(target: BenchTarget, country: Country): Promise<AccessReviewResult> {
  const rowsWanted = target.engine === 'PostgreSQL' ? AUDIT_ROWS : Math.round(AUDIT_ROWS / 10);
  const centres = country.hcs.length;
  const perDay = Math.max(1, Math.round(rowsWanted / (centres * DAYS * ROWS_PER_CASE_DAY)));
  const hcStaff = Math.max(3, Math.round(perDay * 0.2));
  const plantsPerKind = Math.min(centres, Math.max(3, Math.round((hcStaff * centres * 1.5) / 150)));
  process.stderr.write(`  ${target.engine}: staff and cases for a month of ${rowsWanted.toLocaleString('en')} audit rows (${perDay} new cases a day per centre)…\n`);
  let t = performance.now();
  const world = await addActivityWorld(target.db, {
    centreIds: country.hcs,
    start: START,
    days: DAYS,
    seed: 'bench',
    casesPerCentrePerDay: perDay,
    hcStaffPerCentre: hcStaff,
    doctorsPerInstitution: Math.max(2, Math.round(perDay / 25)),
    prefectureStaff: Math.max(2, Math.round(perDay / 10)),
    facilityStaff: Math.max(2, Math.round(perDay * 0.26)),
    followupStaff: Math.max(4, Math.round(perDay * 0.27)),
    contractorStaff: Math.max(2, Math.round(perDay * 0.14)),
    plantsPerKind,
  });
  const worldSeconds = (performance.now() - t) / 1000;
  t = performance.now();
  // A bulk load builds the record-id index (migration 0021) once at the end, as a restore does,
  // rather than entry by entry: several times faster for millions of rows.
  await target.query('DROP INDEX audit_log_record_ids_idx');
  const month = await writeActivityMonth(target.db, { start: START, days: DAYS, seed: 'bench', plantsPerKind }, 'bulk', (day, rows) =>
    process.stderr.write(`  ${target.engine}: ${day} written, ${rows.toLocaleString('en')} rows\n`),
  );
  await target.query('CREATE INDEX audit_log_record_ids_idx ON audit_log USING gin (record_ids)');
  const writeSeconds = (performance.now() - t) / 1000;
  await target.query('VACUUM ANALYZE');
  const result: AccessReviewResult = { target: rowsWanted, month, staffAdded: world.users, casesAdded: world.cases, plantsPerKind, worldSeconds, writeSeconds, review: null };

  process.stderr.write(`  ${target.engine}: explaining ${month.rows.toLocaleString('en')} audit rows…\n`);
  t = performance.now();
  // The month's last day has ended: the alerts job sees every day of it.
  const now = new Date(START.getTime() + (DAYS + 1) * DAY);
  const explained = await explainAll(target.db, now);
  const explainSeconds = (performance.now() - t) / 1000;
  t = performance.now();
  const raised = await raiseAll(target.db, now);
  const alertSeconds = (performance.now() - t) / 1000;

  const planted = month.truth.planted;
  const plantedSeqs = planted.flatMap((p) => p.seqs);
  const [normal] = await target.query<{ n: string; explained: string; purpose_only: string }>(
    `SELECT count(*) AS n, count(*) FILTER (WHERE template IS NOT NULL) AS explained, count(*) FILTER (WHERE template IS NOT NULL AND purpose_only) AS purpose_only
     FROM access_explanations WHERE seq BETWEEN $1 AND $2 AND NOT (seq = ANY($3::bigint[]))`,
    [month.firstSeq, month.lastSeq, plantedSeqs],
  );
  const alerts = await target.query<{ subject_user_id: string; day: string | null; source: string; hits: { evidence?: { seqs?: number[] } }[] }>(
    `SELECT subject_user_id, day::text AS day, source, hits FROM review_alerts WHERE subject_user_id = ANY($1::uuid[])`,
    [[...new Set(planted.map((p) => p.userId))]],
  );
  const found = Object.fromEntries(MISUSE_KINDS.map((k) => [k, { planted: 0, found: 0 }])) as Record<MisuseKind, { planted: number; found: number }>;
  for (const p of planted) {
    const seqs = new Set(p.seqs);
    const hit = alerts.some(
      (a) =>
        a.subject_user_id === p.userId &&
        (a.source === 'hard_limit' || a.day === p.day) &&
        a.hits.some((h) => (h.evidence?.seqs ?? []).some((s) => seqs.has(Number(s)))),
    );
    found[p.kind].planted++;
    if (hit) found[p.kind].found++;
  }
  const normalStaff = new Set(month.truth.normalUserIds);
  const alerted = await target.query<{ subject_user_id: string; day: string; rules: string }>(
    `SELECT subject_user_id, day::text AS day,
            (SELECT string_agg(DISTINCT h->>'rule', '+' ORDER BY h->>'rule') FROM jsonb_array_elements(hits) h WHERE (h->>'weight')::int > 0) AS rules
       FROM review_alerts WHERE day >= $1::date AND day < $2::date`,
    [iso(START.getTime()), iso(START.getTime() + DAYS * DAY)],
  );
  const falseAlarms: Record<string, number> = {};
  for (const a of alerted) if (normalStaff.has(a.subject_user_id)) falseAlarms[a.rules ?? '–'] = (falseAlarms[a.rules ?? '–'] ?? 0) + 1;
  const weeks = [];
  for (let w = 0; (w + 1) * 7 <= DAYS; w++) {
    const [from, to] = [iso(START.getTime() + w * 7 * DAY), iso(START.getTime() + (w + 1) * 7 * DAY)];
    const users = new Set(alerted.filter((a) => a.day >= from && a.day < to && normalStaff.has(a.subject_user_id)).map((a) => a.subject_user_id));
    weeks.push({ normalStaff: normalStaff.size, withAlert: users.size });
  }
  result.review = {
    explainSeconds,
    alertSeconds,
    accesses: explained.accesses,
    normal: { accesses: Number(normal.n), explained: Number(normal.explained), purposeOnly: Number(normal.purpose_only) },
    found,
    weeks,
    falseAlarms,
    alerts: raised.alerts,
  };
  return result;
}

const iso = (t: number) => new Date(t + 9 * 3_600_000).toISOString().slice(0, 10);
const pct = (n: number, d: number) => (d === 0 ? '–' : `${((100 * n) / d).toFixed(d >= 10_000 ? 2 : 1)} %`);

export function accessReviewTable(target: BenchTarget, r: AccessReviewResult): string {
  const m = r.month;
  const head = [
    `### ${target.engine}: access review of a generated month (${m.rows.toLocaleString('en')} audit rows; ${target.durability})`,
    '',
    `${m.staff.toLocaleString('en')} staff at work on ${m.cases.toLocaleString('en')} cases (${r.casesAdded.toLocaleString('en')} added to the country, ` +
      `${r.staffAdded.toLocaleString('en')} staff added), August 2022; ${m.truth.planted.length} planted misuses (up to ${r.plantsPerKind} of each of six kinds) by as many users, ` +
      `${m.truth.normalUserIds.length.toLocaleString('en')} normal staff. Generated in ${r.worldSeconds.toFixed(0)} s (staff and cases) + ${r.writeSeconds.toFixed(0)} s ` +
      `(the month, ${(m.rows / r.writeSeconds).toFixed(0)} audit rows/s written in bulk).`,
  ];
  if (!r.review) return [...head, '', '(The access-review jobs are not in this build: the month was generated, not reviewed.)'].join('\n');
  const v = r.review;
  const planted = Object.values(v.found).reduce((a, f) => a + f.planted, 0);
  const found = Object.values(v.found).reduce((a, f) => a + f.found, 0);
  const worst = Math.max(...v.weeks.map((w) => w.withAlert / Math.max(1, w.normalStaff)));
  const mean = v.weeks.reduce((a, w) => a + w.withAlert / Math.max(1, w.normalStaff), 0) / Math.max(1, v.weeks.length);
  const perTenMillion = (v.explainSeconds / Math.max(1, m.rows)) * 10_000_000;
  const met = (ok: boolean) => (ok ? 'met' : '**missed**');
  return [
    ...head,
    '',
    '| measure | result | target | met? |',
    '|---|---|---|---|',
    `| normal accesses explained | **${pct(v.normal.explained, v.normal.accesses)}** of ${v.normal.accesses.toLocaleString('en')} (by purpose only: ${pct(v.normal.purposeOnly, v.normal.accesses)}) | ≥ 99 % | ${met(v.normal.explained >= 0.99 * v.normal.accesses)} |`,
    `| planted misuse found | **${found} of ${planted}** (${pct(found, planted)}) | ≥ 95 % | ${met(found >= 0.95 * planted)} |`,
    `| normal staff with an alert in a week | **${(worst * 100).toFixed(2)} %** in the worst week (mean ${(mean * 100).toFixed(2)} %, ${v.weeks.length} weeks) | ≤ 1 % | ${met(worst <= 0.01)} |`,
    `| time to explain the month | **${v.explainSeconds.toFixed(0)} s** for ${m.rows.toLocaleString('en')} rows (${(m.rows / v.explainSeconds).toFixed(0)} rows/s; 10 M rows: ${(perTenMillion / 60).toFixed(1)} min) | ≤ 10 min for 10 M rows on PostgreSQL | ${target.engine === 'PostgreSQL' ? met(perTenMillion <= 600) : 'not a target'} |`,
    '',
    `Found by kind: ${MISUSE_KINDS.map((k) => `${k.replace('_', ' ')} ${v.found[k].found}/${v.found[k].planted}`).join(', ')}. ` +
      `${v.accesses.toLocaleString('en')} accesses explained in all; alerts raised in ${v.alertSeconds.toFixed(0)} s: ${v.alerts.toLocaleString('en')}. ` +
      `Normal staff's alerts of the month by the rules that raised them: ${
        Object.entries(v.falseAlarms).sort((a, b) => b[1] - a[1]).map(([rules, n]) => `${rules.replaceAll('_', ' ')} ${n}`).join(', ') || 'none'
      }.`,
  ].join('\n');
}

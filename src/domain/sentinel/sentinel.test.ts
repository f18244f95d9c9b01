import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseWeekKey } from '../iso-week.ts';
import { alertLevels, averagesTable, sentinelAverages, type SentinelReportFact } from './averages.ts';
import { SENTINEL_REPORT_DEFINITIONS, SentinelReportDefinition, sentinelCellsOf, sentinelDefinitionFor, sentinelVersionProblems } from './definition.ts';
import { checkSentinelCounts, correctionProblem, coversWeek, designationProblem, formForWeek, isLate } from './rules.ts';
import { SENTINEL_THRESHOLDS, thresholdOf } from './thresholds.ts';

const W = (key: string) => parseWeekKey(key)!;
const at = (iso: string) => new Date(iso);

describe('sentinel report definitions', () => {
  it('load, are in force from 2023-05-08 (COVID-19 to the sentinels), and leave no gap', () => {
    assert.equal(sentinelDefinitionFor('influenza_covid', '2023-05-01'), null);
    const def = sentinelDefinitionFor('influenza_covid', '2023-05-08')!;
    assert.deepEqual(def.diseases.map((d) => d.code), ['influenza', 'covid19']);
    assert.deepEqual(sentinelVersionProblems(SENTINEL_REPORT_DEFINITIONS), []);
    assert.ok(sentinelDefinitionFor('influenza_covid', '2026-11-30'));
  });
  it('ask the IDWR age bands by sex: 20 bands × 2 sexes per disease', () => {
    const cells = sentinelCellsOf(SENTINEL_REPORT_DEFINITIONS[0]);
    assert.equal(cells.length, 40);
    assert.deepEqual(cells.slice(0, 2).map((c) => c.id), ['0-5m:male', '0-5m:female']);
    assert.equal(cells.at(-1)!.label.ja, '80歳以上 女');
  });
  it('refuse a definition with an unknown age band', () => {
    assert.throws(() => SentinelReportDefinition.parse({ ...SENTINEL_REPORT_DEFINITIONS[0], ageBands: ['teens'] }));
  });
  it('find overlapping versions', () => {
    const def = SENTINEL_REPORT_DEFINITIONS[0];
    assert.equal(sentinelVersionProblems([def, { ...def, version: '2025-01-06', effectiveFrom: '2025-01-06' }]).length, 1);
    assert.deepEqual(sentinelVersionProblems([{ ...def, effectiveUntil: '2025-01-06' }, { ...def, version: '2025-01-06', effectiveFrom: '2025-01-06' }]), []);
  });
});

describe('filing a week', () => {
  const now = at('2026-12-02T03:00:00Z'); // Wednesday of 2026-W49 in Japan
  it('the current week and past weeks may be filed, never a week that has not begun', () => {
    assert.ok('def' in formForWeek('influenza_covid', '2026-W49', '2023-05-08', now));
    assert.ok('def' in formForWeek('influenza_covid', '2026-W40', '2023-05-08', now));
    assert.deepEqual(formForWeek('influenza_covid', '2026-W50', '2023-05-08', now), { problem: { path: ['week'], code: 'sentinel_future_week' } });
    assert.deepEqual(formForWeek('influenza_covid', '2023-W18', '2023-05-08', now), { problem: { path: ['week'], code: 'sentinel_no_form' } });
    assert.deepEqual(formForWeek('influenza_covid', '2026-W49', '2022-09-26', now), { problem: { path: ['formVersion'], code: 'sentinel_form_not_in_force' } });
  });
  it('counts: an empty report is all zeros (a zero report); bad cells and diseases are named', () => {
    const def = SENTINEL_REPORT_DEFINITIONS[0];
    const zero = checkSentinelCounts(def, {});
    assert.deepEqual(zero.problems, []);
    assert.equal(Object.values(zero.counts.influenza).reduce((a, b) => a + b), 0);
    assert.equal(Object.keys(zero.counts.covid19).length, 40);
    const bad = checkSentinelCounts(def, { influenza: { '3y:male': -1, '3y:other': 1 }, measles: {}, covid19: 4 });
    assert.deepEqual(
      bad.problems.map((p) => [p.path.join('.'), p.code]).sort(),
      [
        ['counts.covid19', 'sentinel_count_invalid'],
        ['counts.influenza.3y:male', 'sentinel_count_invalid'],
        ['counts.influenza.3y:other', 'sentinel_unknown_cell'],
        ['counts.measles', 'sentinel_unknown_disease'],
      ],
    );
  });
  it('is late after the Monday after the week; the institution corrects until then, the prefecture later with a reason', () => {
    const w = W('2026-W48'); // 2026-11-23 … 2026-11-29, due Monday 2026-11-30
    assert.equal(isLate(w, at('2026-11-30T14:00:00Z')), false); // 23:00 JST Monday
    assert.equal(isLate(w, at('2026-11-30T15:00:00Z')), true); // Tuesday in Japan
    assert.equal(correctionProblem('institution', w, null, at('2026-11-30T10:00:00Z')), null);
    assert.equal(correctionProblem('institution', w, null, at('2026-12-01T10:00:00Z'))?.code, 'sentinel_correction_closed');
    assert.equal(correctionProblem('prefecture', w, ' ', at('2026-12-01T10:00:00Z'))?.code, 'sentinel_reason_required');
    assert.equal(correctionProblem('prefecture', w, '重複', at('2027-06-01T10:00:00Z')), null);
  });
  it('a designation covers a week when it holds on any of its days; designations of one kind never overlap', () => {
    const w = W('2026-W48');
    assert.equal(coversWeek({ fromDate: '2026-11-29', untilDate: null }, w), true);
    assert.equal(coversWeek({ fromDate: '2026-11-30', untilDate: null }, w), false);
    assert.equal(coversWeek({ fromDate: '2020-01-01', untilDate: '2026-11-22' }, w), false);
    assert.equal(coversWeek({ fromDate: '2020-01-01', untilDate: '2026-11-23' }, w), true);
    assert.equal(designationProblem({ fromDate: '2026-01-01', untilDate: '2025-12-31' }, [])?.code, 'sentinel_until_before_from');
    assert.equal(designationProblem({ fromDate: '2026-01-01', untilDate: null }, [{ fromDate: '2020-01-01', untilDate: null }])?.code, 'sentinel_designation_overlaps');
    assert.equal(designationProblem({ fromDate: '2026-01-01', untilDate: null }, [{ fromDate: '2020-01-01', untilDate: '2025-12-31' }]), null);
  });
});

describe('per-sentinel averages', () => {
  const w = W('2026-W48');
  const designations = [
    { prefectureId: 'A', institutionId: 'a1', fromDate: '2020-01-01', untilDate: null },
    { prefectureId: 'A', institutionId: 'a2', fromDate: '2020-01-01', untilDate: null },
    { prefectureId: 'A', institutionId: 'a3', fromDate: '2020-01-01', untilDate: null },
    { prefectureId: 'A', institutionId: 'gone', fromDate: '2020-01-01', untilDate: '2026-01-01' },
    { prefectureId: 'B', institutionId: 'b1', fromDate: '2020-01-01', untilDate: null },
  ];
  const reports: SentinelReportFact[] = [
    { prefectureId: 'A', institutionId: 'a1', week: '2026-W48', counts: { influenza: { '3y:male': 10, '20s:female': 5 }, covid19: { '80plus:male': 2 } } },
    // A zero report: counts in the denominator.
    { prefectureId: 'A', institutionId: 'a2', week: '2026-W48', counts: { influenza: { '3y:male': 0 }, covid19: {} } },
    { prefectureId: 'B', institutionId: 'b1', week: '2026-W48', counts: { influenza: { '3y:female': 40 }, covid19: { '80plus:male': 1 } } },
    { prefectureId: 'B', institutionId: 'b1', week: '2026-W47', counts: { influenza: { '3y:female': 99 }, covid19: {} } },
  ];
  const rows = sentinelAverages([w], ['influenza', 'covid19'], reports, designations);
  const row = (p: string | null, d: string) => rows.find((r) => r.prefectureId === p && r.disease === d)!;
  it('are patients ÷ sites that reported (zero reports included), with the designated count beside', () => {
    assert.deepEqual(
      { ...row('A', 'influenza') },
      { week: '2026-W48', prefectureId: 'A', disease: 'influenza', patients: 15, reporting: 2, designated: 3, perSentinel: 7.5, byAgeBand: { '3y': 10, '20s': 5 } },
    );
    assert.equal(row('A', 'covid19').perSentinel, 1);
    assert.equal(row('B', 'influenza').perSentinel, 40);
  });
  it('nationwide divides all patients by all reporting sites, not the mean of the prefectures', () => {
    assert.equal(row(null, 'influenza').patients, 55);
    assert.equal(row(null, 'influenza').reporting, 3);
    assert.equal(row(null, 'influenza').designated, 4);
    assert.equal(row(null, 'influenza').perSentinel, 18.33);
  });
  it('a week nobody reported has no average', () => {
    const none = sentinelAverages([W('2026-W30')], ['influenza'], reports, designations, false);
    assert.deepEqual(none.map((r) => [r.prefectureId, r.reporting, r.designated, r.perSentinel]), [['A', 0, 3, null], ['B', 0, 1, null]]);
  });
});

describe('alert levels', () => {
  const flu = thresholdOf('influenza');
  it('are the ministry’s: influenza 注意報 10, 警報 30 until below 10; COVID-19 has none', () => {
    assert.deepEqual({ ...flu, source: undefined }, { advisory: 10, alarmStart: 30, alarmEnd: 10, source: undefined });
    assert.equal(SENTINEL_THRESHOLDS.covid19, null);
    assert.deepEqual(alertLevels([50, 3], thresholdOf('covid19')), [null, null]);
  });
  it('a 警報 starts at 30 and continues above 10 though under 30, ending below 10; a 注意報 is 10 or more outside it', () => {
    assert.deepEqual(alertLevels([2, 9.99, 10, 29.9, 30, 25, 12, 10, 9.9, 15, 29, 31], flu), [
      'none', 'none', 'advisory', 'advisory', 'alarm', 'alarm', 'alarm', 'alarm', 'none', 'advisory', 'advisory', 'alarm',
    ]);
  });
  it('a week without reports has no level and does not end a 警報', () => {
    assert.deepEqual(alertLevels([35, null, 12, 5], flu), ['alarm', null, 'alarm', 'none']);
  });
});

describe('the averages as a table', () => {
  const row = (prefectureId: string | null, disease: string, designated: number) => ({ prefectureId, prefectureName: prefectureId ?? 'nation', disease, designated });
  it('shows the nation and the prefectures with designated sentinels, a cell per disease in the given order', () => {
    const rows = [row(null, 'influenza', 5), row(null, 'covid19', 5), row('13', 'influenza', 5), row('13', 'covid19', 5), row('14', 'influenza', 0), row('14', 'covid19', 0), row('27', 'influenza', 2)];
    const table = averagesTable(rows, [{ code: 'influenza' }, { code: 'covid19' }]);
    assert.deepEqual(table.map((r) => r.name), ['nation', '13', '27'], 'a prefecture without sentinels is left out');
    assert.deepEqual(table[1]!.cells.map((c) => c?.disease), ['influenza', 'covid19']);
    assert.deepEqual(table[2]!.cells.map((c) => c?.disease), ['influenza', undefined], 'a disease without a row is an empty cell');
  });
});

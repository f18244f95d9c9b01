import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { WeeklyCell } from './counting.ts';
import { buildNotifiableSection, lastCompleteWeek, reportWeeks, type WeeklyDisease } from './report.ts';

const DISEASES: WeeklyDisease[] = [
  { code: 'measles', name: { ja: '麻しん', en: 'Measles' }, category: 'category_5' },
  { code: 'tuberculosis', name: { ja: '結核', en: 'Tuberculosis' }, category: 'category_2' },
  { code: 'ebola', name: { ja: 'エボラ出血熱', en: 'Ebola' }, category: 'category_1' },
];
const cell = (week: string, disease: string, n: number, more: Partial<WeeklyCell> = {}): WeeklyCell => ({
  week, disease, n, prefectureCode: '13', classification: 'patient', ageBand: '20s', sex: 'male', ...more,
});

describe('the weekly report', () => {
  it('reads its week, the year from week 1, 12 weeks of trend and last year’s same week', () => {
    const w = reportWeeks({ year: 2026, week: 3 });
    assert.equal(w.from, '2026-01-12');
    assert.equal(w.to, '2026-01-18');
    assert.equal(w.yearStart, '2026-W01');
    assert.deepEqual([w.trend[0], w.trend.at(-1), w.trend.length], ['2025-W44', '2026-W03', 12]);
    assert.equal(w.lastYear, '2025-W03');
    assert.equal(w.readFrom, '2025-01-13');
    // 2026 has a week 53, 2025 does not: week 52 stands in.
    assert.equal(reportWeeks({ year: 2026, week: 53 }).lastYear, '2025-W52');
  });
  it('defaults to the last complete week', () => {
    assert.deepEqual(lastCompleteWeek('2026-12-07'), { year: 2026, week: 49 }); // a Monday
    assert.deepEqual(lastCompleteWeek('2026-12-06'), { year: 2026, week: 48 }); // a Sunday: its week is not over
    assert.deepEqual(lastCompleteWeek('2027-01-05'), { year: 2026, week: 53 });
  });
  it('lists categories in the law’s order, every disease with zeros', () => {
    const r = buildNotifiableSection({ year: 2026, week: 49 }, DISEASES, []);
    assert.deepEqual(r.categories.map((c) => c.category), ['category_1', 'category_2', 'category_5']);
    assert.deepEqual(r.categories.flatMap((c) => c.diseases.map((d) => [d.code, d.thisWeek])), [['ebola', 0], ['tuberculosis', 0], ['measles', 0]]);
    assert.deepEqual(r.ageBands, []);
  });
  it('counts this week, the cumulative to this week within the ISO year, last year’s same week and the trend', () => {
    const r = buildNotifiableSection({ year: 2026, week: 49 }, DISEASES, [
      cell('2026-W49', 'tuberculosis', 3),
      cell('2026-W49', 'tuberculosis', 2, { classification: 'asymptomatic_carrier', sex: 'female', ageBand: '80plus' }),
      cell('2026-W48', 'tuberculosis', 4),
      cell('2026-W01', 'tuberculosis', 1),
      cell('2026-W50', 'tuberculosis', 100), // after the week: neither counted nor cumulated
      cell('2025-W52', 'tuberculosis', 100), // the previous ISO year: not cumulated
      cell('2025-W49', 'tuberculosis', 7),
      cell('2026-W38', 'tuberculosis', 8), // the trend's first week
      cell('2026-W37', 'tuberculosis', 9), // before the trend
    ]);
    const tb = r.categories[1].diseases[0];
    assert.equal(tb.thisWeek, 5);
    assert.equal(tb.cumulative, 5 + 4 + 1 + 8 + 9);
    assert.equal(tb.lastYearSameWeek, 7);
    assert.deepEqual(tb.trend, [8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 5]);
    assert.equal(tb.byClassification.patient, 3);
    assert.equal(tb.byClassification.asymptomatic_carrier, 2);
    assert.deepEqual(tb.bySex, { male: 3, female: 2 });
    assert.deepEqual(r.ageBands.map((a) => [a.code, a.total, a.byAgeBand[5], a.byAgeBand[11]]), [['tuberculosis', 5, 3, 2]]);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCsvText } from '../statistics/open-data-csv.ts';
import { validateAgainstDictionary } from '../statistics/open-data-dictionary.ts';
import { toCsv } from '../statistics/open-data.ts';
import type { WeeklyCell } from './counting.ts';
import { buildWeeklyCasesByAgeSex } from './open-data.ts';

const NAMES = new Map([['syphilis', '梅毒'], ['measles', '麻しん']]);
const cell = (more: Partial<WeeklyCell>): WeeklyCell => ({
  week: '2026-W49', disease: 'syphilis', prefectureCode: '13', classification: 'patient', ageBand: '20s', sex: 'male', n: 1, ...more,
});

describe('the weekly open-data file', () => {
  const cells = [
    cell({ n: 9 }),
    cell({ n: 4, classification: 'asymptomatic_carrier' }), // classifications add up
    cell({ sex: 'female', n: 6 }),
    cell({ ageBand: '30s', n: 7 }),
    cell({ ageBand: '30s', sex: 'female', n: 1 }), // small: hidden
    cell({ disease: 'measles', ageBand: '1-4', n: 1 }), // a prefecture-week-disease total of 1: published as counted
  ];
  const table = buildWeeklyCasesByAgeSex(cells, NAMES, { threshold: 3 });
  const csv = toCsv(table);
  const [header, ...rows] = parseCsvText(csv);
  const at = (disease: string, band: string, sex: string) => rows.find((r) => r[3] === disease && r[5] === band && r[6] === sex)?.[7];

  it('is valid against its dictionary entry: BOM, CRLF, the week, prefecture, disease code and Japanese name', () => {
    assert.ok(csv.startsWith('\uFEFF'));
    assert.deepEqual(validateAgainstDictionary('notifiable_cases_by_age_sex_weekly', csv), { ok: true, problems: [] });
    assert.deepEqual(header, ['Week', 'PrefectureCode', 'Prefecture', 'DiseaseCode', 'Disease', 'AgeBand', 'Sex', 'Cases']);
    assert.deepEqual(rows[0].slice(0, 5), ['2026-W49', '13', 'Tokyo', 'measles', '麻しん']);
  });

  it('is refused by the dictionary with a week the year does not have', () => {
    const bad = csv.replace(/2026-W49/g, '2026-W54');
    assert.match(validateAgainstDictionary('notifiable_cases_by_age_sex_weekly', bad).problems[0].message, /not an ISO week: 2026-W54/);
  });

  it('publishes each prefecture-week-disease total as counted and suppresses the small finer cells', () => {
    assert.equal(at('syphilis', 'all', 'all'), '27');
    assert.equal(at('syphilis', '30s', 'female'), '', 'a count of 1 is hidden');
    assert.ok(!rows.filter((r) => r[5] !== 'all' || r[6] !== 'all').some((r) => r[7] === '1' || r[7] === '2'));
    assert.equal(at('measles', 'all', 'all'), '1');
    assert.equal(at('measles', '1-4', 'male'), '');
  });

  it('refuses a disease it has no name for, and counts a prefecture without a JIS code nowhere here', () => {
    assert.throws(() => buildWeeklyCasesByAgeSex([cell({ disease: 'plague' })], NAMES), /unknown disease/);
    assert.equal(buildWeeklyCasesByAgeSex([cell({ prefectureCode: '' })], NAMES).rows.length, 0);
  });
});

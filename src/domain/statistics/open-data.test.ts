import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { AGE_BANDS_WITH_UNKNOWN } from './age-bands.ts';
import { validateAgainstDictionary } from './open-data-dictionary.ts';
import {
  buildCasesByAgeSex,
  buildDeathsCumulative,
  buildNewlyConfirmedCases,
  buildRequiringInpatientCare,
  buildSevereCases,
  dailyTotals,
  toCsv,
  toJson,
  type DailyCasesByAgeSex,
} from './open-data.ts';
import { PREFECTURE_CODES } from './prefectures.ts';
import { SEXES } from './sexes.ts';

// Header rows of the ministry's files (covid19.mhlw.go.jp/public/opendata, copies of 2023).
const MHLW_HEADER =
  'Date,ALL,Hokkaido,Aomori,Iwate,Miyagi,Akita,Yamagata,Fukushima,Ibaraki,Tochigi,Gunma,Saitama,Chiba,Tokyo,Kanagawa,Niigata,Toyama,Ishikawa,Fukui,Yamanashi,Nagano,Gifu,Shizuoka,Aichi,Mie,Shiga,Kyoto,Osaka,Hyogo,Nara,Wakayama,Tottori,Shimane,Okayama,Hiroshima,Yamaguchi,Tokushima,Kagawa,Ehime,Kochi,Fukuoka,Saga,Nagasaki,Kumamoto,Oita,Miyazaki,Kagoshima,Okinawa';
const MHLW_INPATIENT_HEADER_START =
  'Date,(ALL) Requiring inpatient care,(ALL) Discharged from hospital or released from treatment,(ALL) To be confirmed,(Hokkaido) Requiring inpatient care,(Hokkaido) Discharged from hospital or released from treatment,(Hokkaido) To be confirmed,(Aomori) Requiring inpatient care';

const lines = (csv: string) => csv.replace(/^\uFEFF/, '').split('\r\n').slice(0, -1);
const column = (csv: string, name: string) => {
  const [header, ...rows] = lines(csv).map((l) => l.split(','));
  const i = header.indexOf(name);
  return rows.map((r) => r[i]);
};

describe('the ministry-layout files', () => {
  it('newly_confirmed_cases_daily has the ministry header, UTF-8 BOM, CRLF and yyyy/M/d dates', () => {
    const csv = toCsv(buildNewlyConfirmedCases([{ date: '2020-01-16', prefectureCode: '14', value: 1 }]));
    assert.ok(csv.startsWith('\uFEFF'));
    assert.ok(csv.endsWith('\r\n'));
    assert.equal(lines(csv)[0], MHLW_HEADER);
    assert.equal(lines(csv)[1], `2020/1/16,1,${PREFECTURE_CODES.map((c) => (c === '14' ? 1 : 0)).join(',')}`);
  });

  it('severe_cases_daily and deaths_cumulative_daily have the same header pattern', () => {
    assert.equal(lines(toCsv(buildSevereCases([], { from: '2022-01-01', to: '2022-01-01' })))[0], MHLW_HEADER);
    assert.equal(lines(toCsv(buildDeathsCumulative([], { range: { from: '2022-01-01', to: '2022-01-01' } })))[0], MHLW_HEADER);
  });

  it('requiring_inpatient_care_etc_daily has three columns per area in the ministry order', () => {
    const csv = toCsv(buildRequiringInpatientCare([{ date: '2021-12-31', prefectureCode: '47', requiringInpatientCare: 5, dischargedOrReleased: 7, toBeConfirmed: 2 }]));
    const [header, row] = lines(csv);
    assert.ok(header.startsWith(MHLW_INPATIENT_HEADER_START));
    assert.ok(header.endsWith(',(Okinawa) To be confirmed'));
    assert.equal(header.split(',').length, 1 + 48 * 3);
    assert.deepEqual(row.split(',').slice(0, 4), ['2021/12/31', '5', '7', '2']);
    assert.deepEqual(row.split(',').slice(-3), ['5', '7', '2']);
  });

  it('has every day of the range, a prefecture-day without notifications being 0, and ALL the sum of the prefectures', () => {
    const csv = toCsv(
      buildNewlyConfirmedCases([
        { date: '2022-02-27', prefectureCode: '13', value: 40 },
        { date: '2022-03-01', prefectureCode: '13', value: 3 },
        { date: '2022-03-01', prefectureCode: '27', value: 5 },
        { date: '2022-03-01', prefectureCode: '27', value: 2 },
      ]),
    );
    assert.deepEqual(column(csv, 'Date'), ['2022/2/27', '2022/2/28', '2022/3/1']);
    assert.deepEqual(column(csv, 'Tokyo'), ['40', '0', '3']);
    assert.deepEqual(column(csv, 'Osaka'), ['0', '0', '7']);
    assert.deepEqual(column(csv, 'ALL'), ['40', '0', '10']);
  });

  it('carries deaths forward as a running total from the totals before the range', () => {
    const table = buildDeathsCumulative(
      [
        { date: '2022-01-01', prefectureCode: '01', value: 2 },
        { date: '2022-01-03', prefectureCode: '01', value: 1 },
      ],
      { startingTotals: { '01': 100, '47': 4 } },
    );
    const csv = toCsv(table);
    assert.deepEqual(column(csv, 'Hokkaido'), ['102', '102', '103']);
    assert.deepEqual(column(csv, 'Okinawa'), ['4', '4', '4']);
    assert.deepEqual(column(csv, 'ALL'), ['106', '106', '107']);
  });

  it('refuses input that is not a date, a prefecture or a count', () => {
    assert.throws(() => buildSevereCases([{ date: '2022/1/1', prefectureCode: '01', value: 1 }]), RangeError);
    assert.throws(() => buildSevereCases([{ date: '2022-01-01', prefectureCode: '48', value: 1 }]), RangeError);
    assert.throws(() => buildSevereCases([{ date: '2022-01-01', prefectureCode: '01', value: -1 }]), RangeError);
  });

  it('gives the same data as JSON, keyed by the CSV headers', () => {
    const json = toJson(buildNewlyConfirmedCases([{ date: '2022-03-01', prefectureCode: '13', value: 3 }]));
    assert.equal(json.fileId, 'newly_confirmed_cases_daily');
    assert.deepEqual(json.records, [{ ...Object.fromEntries(json.columns.map((c) => [c, 0])), Date: '2022/3/1', ALL: 3, Tokyo: 3 }]);
  });
});

describe('new cases by age band and sex', () => {
  const day: DailyCasesByAgeSex[] = [
    { date: '2022-03-01', prefectureCode: '13', ageBand: '20s', sex: 'male', count: 12 },
    { date: '2022-03-01', prefectureCode: '13', ageBand: '20s', sex: 'female', count: 10 },
    { date: '2022-03-01', prefectureCode: '13', ageBand: '30s', sex: 'male', count: 9 },
    { date: '2022-03-01', prefectureCode: '13', ageBand: '30s', sex: 'female', count: 8 },
    { date: '2022-03-01', prefectureCode: '13', ageBand: '90plus', sex: 'female', count: 1 },
  ];
  const records = () => toJson(buildCasesByAgeSex(day)).records;
  const value = (band: string, sex: string) => records().find((r) => r.AgeBand === band && r.Sex === sex)?.Cases;

  it('writes a count below the threshold empty, and the cells that would give it away empty too', () => {
    assert.equal(value('90plus', 'female'), null);
    assert.equal(value('90plus', 'all'), null);
    // The female column total is published, so another female cell must go: the smallest, 30s
    // female, and with it the 30s subtotal that would give it back.
    assert.equal(value('all', 'female'), 19);
    assert.equal(value('30s', 'female'), null);
    assert.equal(value('30s', 'all'), null);
    assert.equal(value('30s', 'male'), 9);
  });

  it('publishes the prefecture-day total as counted, equal to newly_confirmed_cases_daily', () => {
    assert.equal(value('all', 'all'), 40);
    const daily = toJson(buildNewlyConfirmedCases(dailyTotals(day))).records[0];
    assert.equal(daily.Tokyo, 40);
  });

  it('publishes zero as 0 and leaves out prefecture-days without cases', () => {
    assert.equal(value('under10', 'male'), 0);
    assert.equal(records().length, AGE_BANDS_WITH_UNKNOWN.length * (SEXES.length + 1) + SEXES.length + 1);
  });

  it('never publishes a value from 1 to 2 finer than a prefecture-day', () => {
    const arbitraryCases = fc.array(
      fc.record({
        date: fc.constantFrom('2022-03-01', '2022-03-02'),
        prefectureCode: fc.constantFrom('13', '27'),
        ageBand: fc.constantFrom(...AGE_BANDS_WITH_UNKNOWN),
        sex: fc.constantFrom(...SEXES),
        count: fc.integer({ min: 0, max: 6 }),
      }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(arbitraryCases, (cases) => {
        for (const r of toJson(buildCasesByAgeSex(cases)).records) {
          if (r.AgeBand === 'all' && r.Sex === 'all') continue;
          assert.ok(r.Cases === null || r.Cases === 0 || (r.Cases as number) >= 3, JSON.stringify(r));
        }
      }),
      { numRuns: 50 },
    );
  });
});

describe('every published file', () => {
  const cases = fc.array(
    fc.record({
      date: fc.constantFrom('2022-12-30', '2022-12-31', '2023-01-01'),
      prefectureCode: fc.constantFrom(...PREFECTURE_CODES),
      ageBand: fc.constantFrom(...AGE_BANDS_WITH_UNKNOWN),
      sex: fc.constantFrom(...SEXES),
      count: fc.integer({ min: 0, max: 30 }),
    }),
    { minLength: 1, maxLength: 30 },
  );

  it('validates against the data dictionary', () => {
    fc.assert(
      fc.property(cases, (input) => {
        const totals = dailyTotals(input);
        const files = [
          buildNewlyConfirmedCases(totals),
          buildSevereCases(totals),
          buildDeathsCumulative(totals),
          buildRequiringInpatientCare(totals.map((t) => ({ ...t, requiringInpatientCare: t.value, dischargedOrReleased: 0, toBeConfirmed: 1 }))),
          buildCasesByAgeSex(input),
        ];
        for (const table of files) assert.deepEqual(validateAgainstDictionary(table.fileId, toCsv(table)).problems, [], table.fileId);
      }),
      { numRuns: 30 },
    );
  });
});

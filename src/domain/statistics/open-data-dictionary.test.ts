import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OPEN_DATA_DICTIONARY, OPEN_DATA_FILE_IDS, validateAgainstDictionary } from './open-data-dictionary.ts';
import { buildCasesByAgeSex, buildNewlyConfirmedCases, toCsv } from './open-data.ts';

const newCases = toCsv(
  buildNewlyConfirmedCases([
    { date: '2024-02-28', prefectureCode: '13', value: 4 },
    { date: '2024-03-01', prefectureCode: '13', value: 5 },
  ]),
);
const byAgeSex = toCsv(
  buildCasesByAgeSex([
    { date: '2024-02-29', prefectureCode: '13', ageBand: '20s', sex: 'male', count: 1 },
    { date: '2024-02-29', prefectureCode: '13', ageBand: '20s', sex: 'female', count: 7 },
    { date: '2024-02-29', prefectureCode: '13', ageBand: '40s', sex: 'female', count: 9 },
  ]),
);
const messages = (fileId: Parameters<typeof validateAgainstDictionary>[0], csv: string) =>
  validateAgainstDictionary(fileId, csv).problems.map((p) => p.message).join('; ');
/** Replace the value of one cell (line is 0-based after the BOM, as split on CRLF). */
const edit = (csv: string, line: number, col: number, value: string) => {
  const rows = csv.split('\r\n');
  const cells = rows[line].split(',');
  cells[col] = value;
  rows[line] = cells.join(',');
  return rows.join('\r\n');
};

describe('the data dictionary', () => {
  it('describes every file, every column in ja and en, with a unit for every count', () => {
    assert.deepEqual(OPEN_DATA_DICTIONARY.map((f) => f.id), [...OPEN_DATA_FILE_IDS]);
    for (const file of OPEN_DATA_DICTIONARY) {
      assert.equal(file.fileName, `${file.id}.csv`);
      assert.ok(file.title.ja && file.title.en && file.description.ja && file.description.en);
      for (const col of file.columns) {
        assert.ok(col.description.ja && col.description.en, `${file.id} ${col.name}`);
        assert.equal(col.type === 'count', col.unit !== null, `${file.id} ${col.name}`);
        if (col.type === 'code') assert.ok((col.codes?.length ?? 0) > 0);
      }
      assert.equal(new Set(file.columns.map((c) => c.name)).size, file.columns.length, file.id);
    }
  });

  it('says how suppression shows only where suppression happens: the finer-than-prefecture-day counts', () => {
    const withEmpty = OPEN_DATA_DICTIONARY.flatMap((f) => f.columns.filter((c) => c.empty).map((c) => `${f.id}.${c.name}`));
    assert.deepEqual(withEmpty, ['newly_confirmed_cases_by_age_sex_daily.Cases', 'notifiable_cases_by_age_sex_weekly.Cases']);
  });
});

describe('validating a published file against the dictionary', () => {
  it('passes the files the builders write', () => {
    assert.equal(messages('newly_confirmed_cases_daily', newCases), '');
    assert.equal(messages('newly_confirmed_cases_by_age_sex_daily', byAgeSex), '');
  });

  it('accepts an empty (suppressed) count where the dictionary allows it, and nowhere else', () => {
    assert.match(byAgeSex, /,20s,male,\r\n/);
    assert.match(messages('newly_confirmed_cases_daily', edit(newCases, 1, 14, '')), /empty value/);
  });

  it('finds a header that is not the dictionary\u2019s', () => {
    assert.match(messages('newly_confirmed_cases_daily', newCases.replace('Tokyo', 'TOKYO')), /header differs .* column 15 \(Tokyo\)/);
    assert.match(messages('severe_cases_daily', byAgeSex), /header differs/);
  });

  it('finds values of the wrong type', () => {
    assert.match(messages('newly_confirmed_cases_daily', edit(newCases, 1, 14, '4.5')), /not a count: 4.5/);
    assert.match(messages('newly_confirmed_cases_daily', edit(newCases, 1, 14, '-1')), /not a count/);
    assert.match(messages('newly_confirmed_cases_by_age_sex_daily', edit(byAgeSex, 1, 3, 'teens')), /not one of the codes: teens/);
    assert.match(messages('newly_confirmed_cases_by_age_sex_daily', edit(byAgeSex, 1, 1, '48')), /not one of the codes: 48/);
  });

  it('finds dates that are not yyyy/M/d calendar days, or out of order', () => {
    assert.match(messages('newly_confirmed_cases_daily', edit(newCases, 1, 0, '2024-02-28')), /not a yyyy\/M\/d date/);
    assert.match(messages('newly_confirmed_cases_daily', edit(newCases, 1, 0, '2024/02/28')), /not a yyyy\/M\/d date/);
    assert.match(messages('newly_confirmed_cases_daily', edit(newCases, 1, 0, '2023/2/29')), /not a yyyy\/M\/d date/);
    assert.match(messages('newly_confirmed_cases_daily', edit(newCases, 2, 0, '2024/2/28')), /out of order/);
    assert.match(messages('newly_confirmed_cases_daily', edit(newCases, 3, 0, '2024/2/27')), /out of order/);
  });

  it('finds a row of the wrong length, a missing byte order mark and LF line ends', () => {
    assert.match(messages('newly_confirmed_cases_daily', edit(newCases, 1, 48, '0,0')), /50 values, the header has 49/);
    assert.match(messages('newly_confirmed_cases_daily', newCases.slice(1)), /byte order mark/);
    assert.match(messages('newly_confirmed_cases_daily', newCases.replaceAll('\r\n', '\n')), /not CRLF/);
  });

  it('reports a broken quote as a problem of the file, not a crash', () => {
    assert.match(messages('newly_confirmed_cases_daily', edit(newCases, 1, 14, '"4')), /Quote Not Closed/);
  });
});

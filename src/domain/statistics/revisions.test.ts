import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildCasesByAgeSex, buildNewlyConfirmedCases, toCsv } from './open-data.ts';
import { revisionsBetween } from './revisions.ts';

describe('revisions between publications', () => {
  it('lists each changed value of a day published before, and not the new days', () => {
    const monday = toCsv(buildNewlyConfirmedCases([{ date: '2022-08-01', prefectureCode: '13', value: 10 }], { from: '2022-08-01', to: '2022-08-01' }));
    const tuesday = toCsv(
      buildNewlyConfirmedCases(
        [
          { date: '2022-08-01', prefectureCode: '13', value: 12 },
          { date: '2022-08-02', prefectureCode: '13', value: 7 },
        ],
        { from: '2022-08-01', to: '2022-08-02' },
      ),
    );
    assert.deepEqual(revisionsBetween('newly_confirmed_cases_daily', monday, tuesday), [
      { key: '2022/8/1', column: 'ALL', previous: '10', value: '12' },
      { key: '2022/8/1', column: 'Tokyo', previous: '10', value: '12' },
    ]);
    assert.deepEqual(revisionsBetween('newly_confirmed_cases_daily', tuesday, tuesday), []);
  });

  it('keys the long file by its date and codes, so a suppressed value that appears is a revision', () => {
    const row = (count: number) => [{ date: '2022-08-01', prefectureCode: '13', ageBand: '20s' as const, sex: 'male' as const, count }, { date: '2022-08-01', prefectureCode: '13', ageBand: '30s' as const, sex: 'female' as const, count: 9 }];
    const revisions = revisionsBetween('newly_confirmed_cases_by_age_sex_daily', toCsv(buildCasesByAgeSex(row(8))), toCsv(buildCasesByAgeSex(row(9))));
    assert.ok(revisions.length > 0);
    assert.ok(revisions.every((r) => r.key.startsWith('2022/8/1 13')), JSON.stringify(revisions[0]));
  });
});

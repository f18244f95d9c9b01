import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tally, weeklyCountOf, type WeeklyCase, type WeeklyNotification } from './counting.ts';

const submitted = (diagnosedOn: string | null, at = '2026-12-01T03:00:00Z', more: Partial<WeeklyNotification> = {}): WeeklyNotification => ({
  status: 'submitted',
  classification: 'patient',
  firstSubmittedAt: at,
  superseded: false,
  diagnosedOn,
  ...more,
});
const aCase = (notifications: WeeklyNotification[], more: Partial<WeeklyCase> = {}): WeeklyCase => ({
  disease: 'measles',
  prefectureCode: '13',
  sex: 'female',
  birthDate: '1990-06-15',
  notifications,
  ...more,
});

describe('how a case counts in the weekly report', () => {
  it('counts in the ISO week of the diagnosis date, under its disease, prefecture, age group at diagnosis, sex and classification', () => {
    assert.deepEqual(weeklyCountOf(aCase([submitted('2026-12-02')])), {
      week: '2026-W49', disease: 'measles', prefectureCode: '13', classification: 'patient', ageBand: '30s', sex: 'female',
    });
  });
  it('places a diagnosis on the turn of the year in the ISO week, not the calendar year', () => {
    assert.equal(weeklyCountOf(aCase([submitted('2021-01-03')]))!.week, '2020-W53');
    assert.equal(weeklyCountOf(aCase([submitted('2021-01-04')]))!.week, '2021-W01');
    assert.equal(weeklyCountOf(aCase([submitted('2024-12-30')]))!.week, '2025-W01');
    assert.equal(weeklyCountOf(aCase([submitted('2026-11-29')]))!.week, '2026-W48'); // Sunday
    assert.equal(weeklyCountOf(aCase([submitted('2026-11-30')]))!.week, '2026-W49'); // Monday
  });
  it('does not count a draft, nor a withdrawn notification (Q&A 14-2)', () => {
    assert.equal(weeklyCountOf(aCase([{ ...submitted('2026-12-02'), status: 'draft', firstSubmittedAt: null }])), null);
    assert.equal(weeklyCountOf(aCase([submitted('2026-12-02', undefined, { status: 'withdrawn' })])), null);
    assert.equal(weeklyCountOf(aCase([])), null);
  });
  it('counts by the notification in force: the newest not superseded by 追加登録 (Q&A 7)', () => {
    const older = submitted('2026-11-20', '2026-11-21T00:00:00Z', { classification: 'asymptomatic_carrier' });
    const newer = submitted('2026-12-03', '2026-12-03T09:00:00Z');
    assert.deepEqual(
      [weeklyCountOf(aCase([older, newer]))!.week, weeklyCountOf(aCase([older, newer]))!.classification],
      ['2026-W49', 'patient'],
    );
    const newerSuperseded = { ...newer, superseded: true };
    assert.equal(weeklyCountOf(aCase([older, newerSuperseded]))!.week, '2026-W47');
    // A withdrawn later notification leaves the earlier one in force.
    assert.equal(weeklyCountOf(aCase([older, { ...newer, status: 'withdrawn' }]))!.week, '2026-W47');
  });
  it('falls back to an earlier diagnosis date, then to the day of the first 報告 in Japan', () => {
    assert.equal(weeklyCountOf(aCase([submitted('2026-11-20', '2026-11-21T00:00:00Z'), submitted(null, '2026-12-03T00:00:00Z')]))!.week, '2026-W47');
    // 2026-11-29T15:30Z is Monday 30 November in Japan.
    assert.equal(weeklyCountOf(aCase([submitted(null, '2026-11-29T15:30:00Z')]))!.week, '2026-W49');
  });
  it('takes the age at diagnosis, not today', () => {
    assert.equal(weeklyCountOf(aCase([submitted('2026-01-10')], { birthDate: '2025-01-11' }))!.ageBand, '0');
    assert.equal(weeklyCountOf(aCase([submitted('2026-01-11')], { birthDate: '2025-01-11' }))!.ageBand, '1-4');
  });
  it('adds the cases up into cells, each case once', () => {
    const cells = tally([aCase([submitted('2026-12-02')]), aCase([submitted('2026-12-04'), submitted('2026-12-04', '2026-12-05T00:00:00Z')]), aCase([submitted('2026-12-04')], { sex: 'male' })]);
    assert.deepEqual(cells.map((c) => [c.sex, c.n]).sort(), [['female', 2], ['male', 1]]);
  });
});

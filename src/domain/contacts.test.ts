import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addDays,
  CONTACT_OUTCOME_LABELS,
  CONTACT_OUTCOMES,
  CONTACT_SETTING_LABELS,
  CONTACT_SETTINGS,
  contactMonitoringEndsOn,
  lastContactProblem,
  MONITORING_PERIODS,
  monitoringEndsOn,
  SETTABLE_OUTCOMES,
} from './contacts.ts';

describe('contact settings and outcomes', () => {
  it('are the values the database accepts, each labelled in Japanese and English', () => {
    assert.deepEqual([...CONTACT_SETTINGS], ['household', 'workplace', 'school', 'medical', 'facility', 'other']);
    for (const s of CONTACT_SETTINGS) assert.ok(CONTACT_SETTING_LABELS[s].ja && CONTACT_SETTING_LABELS[s].en, s);
    assert.equal(CONTACT_SETTING_LABELS.household.ja, '同居/家庭内');
    assert.equal(CONTACT_SETTING_LABELS.school.ja, '学校・保育所');
    assert.deepEqual([...CONTACT_OUTCOMES], ['monitoring', 'completed', 'became_case', 'lost_to_follow_up', 'refused']);
    for (const o of CONTACT_OUTCOMES) assert.ok(CONTACT_OUTCOME_LABELS[o].ja && CONTACT_OUTCOME_LABELS[o].en, o);
  });

  it('leave becoming a case to the registration of the case', () => {
    assert.ok(!SETTABLE_OUTCOMES.includes('became_case'), 'became_case is not settable');
    assert.equal(SETTABLE_OUTCOMES.length, CONTACT_OUTCOMES.length - 1);
  });
});

describe('monitoringEndsOn (COVID-19, by the date of last contact)', () => {
  it('adds calendar days across months, years and leap days', () => {
    assert.equal(addDays('2022-01-31', 1), '2022-02-01');
    assert.equal(addDays('2021-12-25', 14), '2022-01-08');
    assert.equal(addDays('2020-02-28', 1), '2020-02-29');
    assert.equal(addDays('2021-02-28', 1), '2021-03-01');
  });

  it('is 14 days after the last contact until 2022-01-13', () => {
    assert.equal(monitoringEndsOn('covid19', '2020-04-01'), '2020-04-15');
    assert.equal(monitoringEndsOn('covid19', '2022-01-13'), '2022-01-27');
  });

  it('is 10 days from 2022-01-14 (MHLW notice of that date, Omicron)', () => {
    assert.equal(monitoringEndsOn('covid19', '2022-01-14'), '2022-01-24');
    assert.equal(monitoringEndsOn('covid19', '2022-01-27'), '2022-02-06');
  });

  it('is 7 days from 2022-01-28 (MHLW notice of that date)', () => {
    assert.equal(monitoringEndsOn('covid19', '2022-01-28'), '2022-02-04');
    assert.equal(monitoringEndsOn('covid19', '2022-07-21'), '2022-07-28');
  });

  it('is 5 days from 2022-07-22 (MHLW notice of that date)', () => {
    assert.equal(monitoringEndsOn('covid19', '2022-07-22'), '2022-07-27');
    assert.equal(monitoringEndsOn('covid19', '2022-08-03'), '2022-08-08');
  });

  it('is a dated table, oldest first, that a disease’s rule is read from', () => {
    const periods = MONITORING_PERIODS.covid19;
    assert.deepEqual(periods.map((p) => [p.from, p.days]), [['2020-01-01', 14], ['2022-01-14', 10], ['2022-01-28', 7], ['2022-07-22', 5]]);
    for (let i = 1; i < periods.length; i++) assert.ok(periods[i - 1]!.from < periods[i]!.from, periods[i]!.from);
    assert.throws(() => monitoringEndsOn('covid19', '2019-12-31'), RangeError);
  });
});

describe('contactMonitoringEndsOn (several exposures)', () => {
  it('counts from the latest last contact', () => {
    assert.equal(contactMonitoringEndsOn('covid19', ['2022-08-01', '2022-08-03', '2022-07-30']), '2022-08-08');
    // Under each date's own rule: the later contact falls in the 7-day period.
    assert.equal(contactMonitoringEndsOn('covid19', ['2022-01-20', '2022-01-30']), '2022-02-06');
  });

  it('never shortens monitoring already set (exposures the caller cannot see count)', () => {
    assert.equal(contactMonitoringEndsOn('covid19', ['2022-08-01'], '2022-08-10'), '2022-08-10');
    assert.equal(contactMonitoringEndsOn('covid19', ['2022-08-03'], '2022-08-06'), '2022-08-08');
    assert.throws(() => contactMonitoringEndsOn('covid19', []), RangeError);
  });
});

describe('lastContactProblem', () => {
  it('refuses a future date (Japan calendar) and one before the disease', () => {
    assert.equal(lastContactProblem('covid19', '2022-08-03', '2022-08-03'), null);
    assert.equal(lastContactProblem('covid19', '2022-08-04', '2022-08-03'), 'last_contact_in_future');
    assert.equal(lastContactProblem('covid19', '2019-12-31', '2022-08-03'), 'last_contact_too_early');
    assert.equal(lastContactProblem('covid19', '2020-01-01', '2022-08-03'), null);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countCase, countEpisodes, type CaseCount, type CountingCase, type CountingNotification } from './case-counting.ts';

const notification = (n: Partial<CountingNotification> = {}): CountingNotification => ({
  status: 'submitted',
  classification: 'patient',
  firstSubmittedOn: '2022-08-03',
  superseded: false,
  diagnosedOn: '2022-08-02',
  onsetOn: '2022-07-31',
  deathOn: null,
  ...n,
});
const aCase = (c: Partial<CountingCase> = {}): CountingCase => ({
  sex: 'female',
  birthDate: '1980-08-02',
  notifications: [notification()],
  statuses: [],
  course: [],
  tests: [],
  ...c,
});
const of = (count: CaseCount, measure: string) => count.contributions.filter(([m]) => m === measure).map(([, day, n]) => [day, n]);

describe('how a case counts', () => {
  it('counts once by report, diagnosis and onset date, in the age band at diagnosis', () => {
    const c = countCase(aCase());
    assert.equal(c.countedAs, 'counted');
    assert.equal(c.ageBand, '40s'); // 42 on the diagnosis day, her birthday
    assert.deepEqual(of(c, 'reported'), [['2022-08-03', 1]]);
    assert.deepEqual(of(c, 'diagnosed'), [['2022-08-02', 1]]);
    assert.deepEqual(of(c, 'onset'), [['2022-07-31', 1]]);
  });

  it('never counts a withdrawn notification or a draft, but keeps their tests', () => {
    const tests = [{ collectedOn: '2022-08-01', resultOn: null, result: 'negative' }];
    const withdrawn = countCase(aCase({ notifications: [notification({ status: 'withdrawn' })], tests }));
    assert.equal(withdrawn.countedAs, 'withdrawn');
    assert.deepEqual(withdrawn.contributions, [['tests_negative', '2022-08-01', 1]]);
    assert.equal(countCase(aCase({ notifications: [notification({ status: 'draft', firstSubmittedOn: null })] })).countedAs, 'not_notified');
  });

  it("leaves another disease's case, and its tests, to the weekly report", () => {
    const tests = [{ collectedOn: '2022-08-01', resultOn: '2022-08-02', result: 'positive' }];
    const measles = countCase(aCase({ disease: 'measles', tests }));
    assert.equal(measles.countedAs, 'other_disease');
    assert.deepEqual(measles.contributions, []);
    assert.equal(countCase(aCase({ disease: 'covid19', tests })).countedAs, 'counted');
  });

  it('counts a reclassified case once, on its first report, under the classification in force', () => {
    const c = countCase(
      aCase({
        notifications: [
          notification({ classification: 'suspected', firstSubmittedOn: '2022-08-01', superseded: true }),
          notification({ classification: 'patient', firstSubmittedOn: '2022-08-04' }),
        ],
      }),
    );
    assert.equal(c.classification, 'patient');
    assert.deepEqual(of(c, 'reported'), [['2022-08-01', 1]]);
  });

  it('keeps a case in each status from its date until the next, and in the final ones for good', () => {
    const c = countCase(
      aCase({
        statuses: [
          { status: 'home', effectiveOn: '2022-08-03' },
          { status: 'hospitalized', effectiveOn: '2022-08-06' },
          { status: 'released', effectiveOn: '2022-08-15' },
        ],
      }),
    );
    assert.deepEqual(of(c, 'load_home'), [['2022-08-03', 1], ['2022-08-06', -1]]);
    assert.deepEqual(of(c, 'load_hospitalized'), [['2022-08-06', 1], ['2022-08-15', -1]]);
    assert.deepEqual(of(c, 'load_released'), [['2022-08-15', 1]]);
    assert.deepEqual(of(c, 'load_none'), []); // the status was there on the report day
  });

  it('counts a case without a status as "no status" from its report day', () => {
    assert.deepEqual(of(countCase(aCase()), 'load_none'), [['2022-08-03', 1]]);
    const late = countCase(aCase({ statuses: [{ status: 'home', effectiveOn: '2022-08-05' }] }));
    assert.deepEqual(of(late, 'load_none'), [['2022-08-03', 1], ['2022-08-05', -1]]);
  });

  it('counts 重症 only while in hospital and while the latest entry of the clinical course is severe (Q&A 15)', () => {
    const c = countCase(
      aCase({
        statuses: [
          { status: 'hospitalized', effectiveOn: '2022-08-04' },
          { status: 'released', effectiveOn: '2022-08-20' },
        ],
        course: [
          { observedOn: '2022-08-04', severity: 'moderate1' },
          { observedOn: '2022-08-06', severity: 'moderate2' },
          { observedOn: '2022-08-06', severity: 'severe' }, // the day's last entry decides
          { observedOn: '2022-08-08', severity: 'severe' },
          { observedOn: '2022-08-12', severity: 'moderate2' },
          { observedOn: '2022-08-18', severity: 'severe' },
        ],
      }),
    );
    assert.deepEqual(of(c, 'load_severe'), [['2022-08-06', 1], ['2022-08-12', -1], ['2022-08-18', 1], ['2022-08-20', -1]]);
  });

  it('counts a death on the notified date of death, else the day the status became died', () => {
    assert.deepEqual(of(countCase(aCase({ notifications: [notification({ deathOn: '2022-08-09' })] })), 'deaths'), [['2022-08-09', 1]]);
    const byStatus = countCase(aCase({ statuses: [{ status: 'died', effectiveOn: '2022-08-11' }] }));
    assert.deepEqual(of(byStatus, 'deaths'), [['2022-08-11', 1]]);
    assert.deepEqual(of(byStatus, 'load_died'), [['2022-08-11', 1]]);
  });

  it('counts tests by collection date, else result date; pending ones not at all', () => {
    const c = countCase(
      aCase({
        tests: [
          { collectedOn: '2022-08-01', resultOn: '2022-08-02', result: 'positive' },
          { collectedOn: null, resultOn: '2022-07-20', result: 'negative' },
          { collectedOn: '2022-08-01', resultOn: null, result: 'pending' },
        ],
      }),
    );
    assert.deepEqual(of(c, 'tests_positive'), [['2022-08-01', 1]]);
    assert.deepEqual(of(c, 'tests_negative'), [['2022-07-20', 1]]);
  });

  it('counts a person twice only for distinct episodes: 28 days or more apart (Q&A 7)', () => {
    const at = (on: string, id: string) => ({ tieBreak: id, count: countCase(aCase({ notifications: [notification({ firstSubmittedOn: on })] })) });
    const first = at('2022-08-01', 'a');
    const duplicate = at('2022-08-10', 'b');
    const reinfection = at('2022-08-29', 'c');
    const counted = countEpisodes([reinfection, duplicate, first]);
    assert.equal(counted.get(first)!.countedAs, 'counted');
    assert.equal(counted.get(duplicate)!.countedAs, 'same_episode');
    assert.deepEqual(counted.get(duplicate)!.contributions, []);
    assert.equal(counted.get(reinfection)!.countedAs, 'counted');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cellsOf, DAILY_REPORT_DEFINITIONS, dailyReportDefinitionOn, dailyVersionProblems } from './definition.ts';
import { overlapFlags } from './overlap.ts';
import { checkCounts, correctionProblem, formForDay, isLate } from './rules.ts';

const def = dailyReportDefinitionOn('2022-10-01')!;
// 2022-10-03 12:00 in Japan.
const noon = new Date('2022-10-03T03:00:00Z');

describe('daily report rules (日次報告)', () => {
  it('the versions follow each other without gap or overlap, the first from 2022-09-26', () => {
    assert.deepEqual(dailyVersionProblems(DAILY_REPORT_DEFINITIONS), []);
    assert.equal(dailyReportDefinitionOn('2022-09-25'), null);
    assert.equal(dailyReportDefinitionOn('2022-09-26')?.version, '2022-09-26');
  });

  it('the 2022-09-26 version asks 11 age bands (unknown included) and no sex', () => {
    const cells = cellsOf(def);
    assert.equal(cells.length, 11);
    assert.deepEqual(cells.map((c) => c.sex), cells.map(() => null));
    assert.equal(cells[10].id, 'unknown');
    assert.equal(cells[0].label.ja, '10歳未満');
  });

  it('a version asking sex has a cell per band and sex', () => {
    const cells = cellsOf({ ...def, bySex: true });
    assert.equal(cells.length, 22);
    assert.equal(cells[1].id, 'under10:female');
  });

  it('a future day, a day before the form and a version not in force are refused', () => {
    assert.deepEqual(formForDay('2022-10-04', '2022-09-26', noon), { problem: { path: ['reportDate'], code: 'daily_report_future_day' } });
    assert.deepEqual(formForDay('2022-09-25', '2022-09-26', noon), { problem: { path: ['reportDate'], code: 'daily_report_no_form' } });
    assert.deepEqual(formForDay('2022-10-03', '2021-11-01', noon), { problem: { path: ['formVersion'], code: 'daily_report_form_not_in_force' } });
    assert.equal('def' in formForDay('2022-10-03', '2022-09-26', noon), true);
    // 23:30 UTC on the 3rd is already the 4th in Japan.
    assert.equal('def' in formForDay('2022-10-04', '2022-09-26', new Date('2022-10-03T23:30:00Z')), true);
  });

  it('counts are whole numbers from 0, of known cells; cells left out are 0', () => {
    const ok = checkCounts(def, { '20s': 3 });
    assert.deepEqual(ok.problems, []);
    assert.equal(ok.counts['20s'], 3);
    assert.equal(ok.counts.unknown, 0);
    const bad = checkCounts(def, { '20s': -1, '30s': 1.5, '40s': '2', teens: 1, '50s': def.maxPerCell + 1 });
    assert.deepEqual(
      bad.problems.map((p) => `${p.path.join('.')} ${p.code}`).sort(),
      ['counts.20s daily_report_count_invalid', 'counts.30s daily_report_count_invalid', 'counts.40s daily_report_count_invalid', 'counts.50s daily_report_count_invalid', 'counts.teens daily_report_unknown_cell'],
    );
  });

  it('the institution corrects only on the report day (Japan time); the prefecture any day, with a reason', () => {
    assert.equal(correctionProblem('institution', '2022-10-03', null, noon), null);
    assert.equal(correctionProblem('institution', '2022-10-02', null, noon)?.code, 'daily_report_correction_closed');
    assert.equal(correctionProblem('institution', '2022-10-03', null, new Date('2022-10-03T15:00:00Z'))?.code, 'daily_report_correction_closed');
    assert.equal(correctionProblem('prefecture', '2022-09-30', '二重計上', noon), null);
    assert.equal(correctionProblem('prefecture', '2022-09-30', '  ', noon)?.code, 'daily_report_reason_required');
  });

  it('a report is late once its day has ended in Japan', () => {
    assert.equal(isLate('2022-10-03', new Date('2022-10-03T14:59:59Z')), false);
    assert.equal(isLate('2022-10-03', new Date('2022-10-03T15:00:00Z')), true);
  });

  it('overlap: an aggregate aged 70 and over is flagged; a band also notified that day asks for confirmation', () => {
    const counts = checkCounts(def, { '20s': 4, '30s': 2, '80s': 1 }).counts;
    assert.deepEqual(overlapFlags(def, counts, { '30s': 1, '40s': 2 }), [
      { kind: 'same_band', ageBand: '30s', aggregate: 2, notified: 1 },
      { kind: 'notified_band', ageBand: '80s', aggregate: 1, notified: 0 },
    ]);
    assert.deepEqual(overlapFlags(def, checkCounts(def, { '20s': 4 }).counts, { '40s': 2 }), []);
  });
});

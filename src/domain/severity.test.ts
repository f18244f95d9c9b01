import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SEVERITIES, SEVERITY_LABELS, severityOf, STATED_SEVERITIES, type StatedSeverity } from './severity.ts';

const state = (stated: StatedSeverity, flags: Partial<Record<'oxygen' | 'icu' | 'ventilator' | 'ecmo', boolean>> = {}) =>
  severityOf({ stated, oxygen: false, icu: false, ventilator: false, ecmo: false, ...flags });

describe('severities', () => {
  it('are labelled in Japanese and English as HER-SYS shows them', () => {
    assert.deepEqual(
      SEVERITIES.map((s) => SEVERITY_LABELS[s].ja),
      ['軽症', '中等症Ⅰ', '中等症Ⅱ', '重症'],
    );
    assert.deepEqual(
      SEVERITIES.map((s) => SEVERITY_LABELS[s].en),
      ['Mild', 'Moderate I', 'Moderate II', 'Severe'],
    );
  });

  it('cannot be stated as severe: 重症 is derived', () => {
    assert.ok(!(STATED_SEVERITIES as readonly string[]).includes('severe'));
  });
});

describe('severityOf', () => {
  it('keeps the stated severity when no intervention says more', () => {
    for (const s of STATED_SEVERITIES) assert.equal(state(s), s);
  });

  it('is 重症 with ICU, a ventilator or ECMO, whatever was stated (Q&A 15)', () => {
    for (const s of STATED_SEVERITIES) {
      assert.equal(state(s, { icu: true }), 'severe', `${s} + ICU`);
      assert.equal(state(s, { ventilator: true }), 'severe', `${s} + ventilator`);
      assert.equal(state(s, { ecmo: true }), 'severe', `${s} + ECMO`);
      assert.equal(state(s, { oxygen: true, ventilator: true }), 'severe', `${s} + oxygen + ventilator`);
    }
  });

  it('is at least 中等症Ⅱ with oxygen', () => {
    assert.equal(state('mild', { oxygen: true }), 'moderate2');
    assert.equal(state('moderate1', { oxygen: true }), 'moderate2');
    assert.equal(state('moderate2', { oxygen: true }), 'moderate2');
  });

  it('is never severe without ICU, ventilator or ECMO (the database check agrees)', () => {
    for (const stated of STATED_SEVERITIES) {
      for (const oxygen of [false, true]) {
        for (const icu of [false, true]) {
          for (const ventilator of [false, true]) {
            for (const ecmo of [false, true]) {
              const severity = severityOf({ stated, oxygen, icu, ventilator, ecmo });
              assert.equal(severity === 'severe', icu || ventilator || ecmo);
            }
          }
        }
      }
    }
  });
});

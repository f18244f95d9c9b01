import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_RED_FLAGS, redFlags, SYMPTOM_CODES } from './red-flags.ts';

const rules = (...args: Parameters<typeof redFlags>) => redFlags(...args).map((f) => f.rule);

describe('redFlags', () => {
  it('flags SpO2 at or below 93 %, not above', () => {
    assert.deepEqual(rules({ on: '2022-03-10', spo2: 93 }, []), ['low_spo2']);
    assert.deepEqual(rules({ on: '2022-03-10', spo2: 94 }, []), []);
    const [flag] = redFlags({ on: '2022-03-10', spo2: 91 }, []);
    assert.match(flag.message.ja, /91%/);
    assert.ok(flag.message.en);
  });

  it('flags a fever of 39.0 °C or more on three consecutive days, counting each day once', () => {
    const earlier = [
      { on: '2022-03-08', temperature: 39.2 },
      { on: '2022-03-09', temperature: 38.1 },
      { on: '2022-03-09', temperature: 39.0 },
    ];
    assert.deepEqual(rules({ on: '2022-03-10', temperature: 39.5 }, earlier), ['persistent_fever']);
    assert.deepEqual(rules({ on: '2022-03-10', temperature: 38.9 }, earlier), [], 'not feverish today');
    assert.deepEqual(rules({ on: '2022-03-10', temperature: 39.5 }, [earlier[0], earlier[1]]), [], 'a gap on 03-09');
    assert.deepEqual(rules({ on: '2022-03-10', temperature: 39.5 }, earlier.filter((e) => e.on !== '2022-03-08')), [], 'two days only');
  });

  it('ignores entries after the newest one', () => {
    const later = [{ on: '2022-03-11', temperature: 40 }, { on: '2022-03-12', temperature: 40 }];
    assert.deepEqual(rules({ on: '2022-03-10', temperature: 39.5 }, later), []);
  });

  it('flags warning symptoms, and follows configured thresholds', () => {
    assert.deepEqual(rules({ on: '2022-03-10', symptoms: ['cough', 'breathlessness'] }, []), ['warning_symptom']);
    assert.deepEqual(rules({ on: '2022-03-10', symptoms: ['cough'] }, []), []);
    const [flag] = redFlags({ on: '2022-03-10', symptoms: ['chest_pain', 'breathlessness'] }, []);
    assert.equal(flag.message.ja, '注意すべき症状があります（胸の痛み、息苦しさ）。', 'named by the checklist labels');
    assert.equal(flag.message.en, 'Warning symptoms: chest pain, breathlessness.');
    const strict = { ...DEFAULT_RED_FLAGS, spo2AtMost: 95, feverDays: 1 };
    assert.deepEqual(rules({ on: '2022-03-10', spo2: 95, temperature: 39 }, [], strict), ['low_spo2', 'persistent_fever']);
  });

  it('the warning symptoms are on the checklist', () => {
    for (const s of DEFAULT_RED_FLAGS.symptoms) assert.ok((SYMPTOM_CODES as readonly string[]).includes(s), s);
  });
});

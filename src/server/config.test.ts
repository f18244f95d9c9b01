import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('reads the follow-up settings, with the domain defaults', () => {
    const defaults = loadConfig({});
    assert.deepEqual([defaults.RED_FLAG_SPO2_AT_MOST, defaults.RED_FLAG_FEVER_AT_LEAST, defaults.RED_FLAG_FEVER_DAYS], [93, 39, 3]);
    assert.deepEqual(defaults.RED_FLAG_SYMPTOMS, ['breathlessness', 'chest_pain', 'confusion']);
    assert.equal(defaults.PROCESSING_NUMBER_REDEEM_TOKEN, undefined);
    const set = loadConfig({ RED_FLAG_SYMPTOMS: 'breathlessness, cough', STALE_AFTER_DAYS: '5', RED_FLAG_FEVER_AT_LEAST: '38.5' });
    assert.deepEqual(set.RED_FLAG_SYMPTOMS, ['breathlessness', 'cough']);
    assert.equal(set.STALE_AFTER_DAYS, 5);
    assert.equal(set.RED_FLAG_FEVER_AT_LEAST, 38.5);
  });

  it('refuses an unknown symptom code, a short redemption token and nonsense numbers, naming the variable', () => {
    assert.throws(() => loadConfig({ RED_FLAG_SYMPTOMS: 'breathlessness,sneezing' }), (e: Error) => e instanceof ConfigError && /RED_FLAG_SYMPTOMS/.test(e.message));
    assert.throws(() => loadConfig({ PROCESSING_NUMBER_REDEEM_TOKEN: 'short' }), /PROCESSING_NUMBER_REDEEM_TOKEN/);
    assert.throws(() => loadConfig({ STALE_AFTER_DAYS: '0' }), /STALE_AFTER_DAYS/);
    assert.throws(() => loadConfig({ RED_FLAG_SPO2_AT_MOST: '101' }), /RED_FLAG_SPO2_AT_MOST/);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  BREAK_GLASS_REASONS,
  breakGlassEmail,
  grantActiveAt,
  grantExpiry,
  reasonAllowsWriting,
  squeezeName,
} from './break-glass.ts';

describe('break-the-glass rules', () => {
  it('every reason has ja and en labels and says whether it allows writing', () => {
    assert.ok(BREAK_GLASS_REASONS.length >= 2);
    for (const r of BREAK_GLASS_REASONS) assert.ok(r.ja && r.en && typeof r.writes === 'boolean', r.code);
    assert.equal(new Set(BREAK_GLASS_REASONS.map((r) => r.code)).size, BREAK_GLASS_REASONS.length);
  });
  it('an emergency treatment is read only; an emergency admission may write', () => {
    assert.equal(reasonAllowsWriting('emergency_treatment'), false);
    assert.equal(reasonAllowsWriting('emergency_admission'), true);
  });
  it('a grant lasts 4 hours by default, as configured otherwise, never more than 24', () => {
    const at = new Date('2022-08-20T00:00:00Z');
    assert.equal(grantExpiry(at).toISOString(), '2022-08-20T04:00:00.000Z');
    assert.equal(grantExpiry(at, 1.5).toISOString(), '2022-08-20T01:30:00.000Z');
    assert.throws(() => grantExpiry(at, 25));
    assert.throws(() => grantExpiry(at, 0));
  });
  it('a grant is in force from its start until it expires or is ended, whichever comes first', () => {
    const g = { grantedAt: '2022-08-20T00:00:00Z', expiresAt: '2022-08-20T04:00:00Z', endedAt: null };
    assert.equal(grantActiveAt(g, new Date('2022-08-19T23:59:59Z')), false);
    assert.equal(grantActiveAt(g, new Date('2022-08-20T03:59:59Z')), true);
    assert.equal(grantActiveAt(g, new Date('2022-08-20T04:00:00Z')), false);
    assert.equal(grantActiveAt({ ...g, endedAt: '2022-08-20T01:00:00Z' }, new Date('2022-08-20T02:00:00Z')), false);
  });
  it('names match without their spaces, half or full width', () => {
    assert.equal(squeezeName('佐藤 翔太'), squeezeName('佐藤　翔太'));
  });
  it('the centre’s e-mail carries the スマホ入力ID, the reason and the expiry, and no HER-SYS ID or name', () => {
    const mail = breakGlassEmail({
      selfReportId: 'ABCDEFGH23',
      healthCentreNameJa: '新宿区保健所',
      orgNameJa: '中野総合病院',
      reason: 'emergency_treatment',
      expiresAt: new Date('2022-08-20T04:00:00Z'),
      listUrl: 'http://localhost:3000/break-glass/centre',
    });
    assert.match(mail.subject, /ABCDEFGH23/);
    assert.match(mail.text, /2022\/08\/20 13:00/);
    assert.match(mail.text, /閲覧のみ/);
    assert.doesNotMatch(mail.text, /\d{8}/, 'no HER-SYS ID');
  });
});

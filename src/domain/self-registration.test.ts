import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  acceptsRegistrations,
  canMove,
  classificationOf,
  codeMessage,
  diagnosisDateProblem,
  maskContact,
  newCode,
  newReference,
  photoTypeOf,
  rejectionMessage,
  reviewsRegistrationsOf,
  testDateProblems,
} from './self-registration.ts';

describe('self-registration rules', () => {
  it('a registration is submitted by its code, then accepted or rejected once', () => {
    assert.ok(canMove('pending_code', 'submitted'));
    assert.ok(!canMove('pending_code', 'accepted'), 'nobody decides on an unconfirmed registration');
    assert.ok(canMove('submitted', 'accepted') && canMove('submitted', 'rejected'));
    assert.ok(!canMove('accepted', 'rejected') && !canMove('rejected', 'accepted'));
  });

  it('the test is not in the future nor older than 3 days; onset is before the test, within 14 days', () => {
    const today = '2022-08-10';
    assert.deepEqual(testDateProblems({ testDate: '2022-08-07' }, today), []);
    assert.deepEqual(testDateProblems({ testDate: '2022-08-06' }, today), [{ field: 'testDate', code: 'test_too_old' }]);
    assert.deepEqual(testDateProblems({ testDate: '2022-08-11' }, today), [{ field: 'testDate', code: 'date_in_future' }]);
    assert.deepEqual(testDateProblems({ testDate: '2022-08-10', onsetDate: '2022-08-10' }, today), []);
    assert.deepEqual(testDateProblems({ testDate: '2022-08-09', onsetDate: '2022-08-10' }, today), [{ field: 'onsetDate', code: 'onset_after_test' }]);
    assert.deepEqual(testDateProblems({ testDate: '2022-08-09', onsetDate: '2022-07-25' }, today), [{ field: 'onsetDate', code: 'onset_too_early' }]);
  });

  it('the diagnosis on acceptance is on or after the test and not in the future', () => {
    assert.equal(diagnosisDateProblem('2022-08-09', '2022-08-09', '2022-08-10'), null);
    assert.equal(diagnosisDateProblem('2022-08-08', '2022-08-09', '2022-08-10'), 'diagnosis_before_test');
    assert.equal(diagnosisDateProblem('2022-08-11', '2022-08-09', '2022-08-10'), 'date_in_future');
  });

  it('the photo is JPEG or PNG by its first bytes, whatever it claims', () => {
    assert.equal(photoTypeOf(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0])), 'image/jpeg');
    assert.equal(photoTypeOf(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), 'image/png');
    assert.equal(photoTypeOf(new TextEncoder().encode('GIF89a')), null);
    assert.equal(photoTypeOf(new Uint8Array()), null);
  });

  it('follow-up centre staff and doctors and prefecture staff review their own prefecture; only the centre’s doctor accepts', () => {
    const fu = { orgKind: 'followup_center' as const, roles: ['followup_staff' as const], prefectureId: 'p1' };
    assert.ok(reviewsRegistrationsOf(fu, 'p1'));
    assert.ok(!reviewsRegistrationsOf(fu, 'p2'));
    assert.ok(reviewsRegistrationsOf({ orgKind: 'prefecture', roles: ['prefecture_staff'], prefectureId: 'p1' }, 'p1'));
    assert.ok(!reviewsRegistrationsOf({ orgKind: 'health_center', roles: ['hc_staff'], prefectureId: 'p1' }, 'p1'));
    assert.ok(!reviewsRegistrationsOf({ orgKind: 'medical_institution', roles: ['doctor'], prefectureId: 'p1' }, 'p1'));
    assert.ok(!acceptsRegistrations(fu));
    assert.ok(acceptsRegistrations({ orgKind: 'followup_center', roles: ['doctor'] }));
    assert.ok(!acceptsRegistrations({ orgKind: 'medical_institution', roles: ['doctor'] }));
  });

  it('symptoms make a patient, none an asymptomatic carrier', () => {
    assert.equal(classificationOf(['fever']), 'patient');
    assert.equal(classificationOf([]), 'asymptomatic_carrier');
  });

  it('codes, references and messages carry no personal data', () => {
    const seq = [0, 1, 2, 3, 4, 5, 6, 7];
    let i = 0;
    assert.equal(newReference(() => seq[i++ % seq.length]), 'R-ABCD-EFGH');
    assert.equal(newCode(() => 42), '000042');
    assert.equal(maskContact('email', 'hina@example.jp'), '***@example.jp');
    assert.equal(maskContact('sms', '090-1234-5678'), '***-****-5678');
    const m = codeMessage('123456', 'R-ABCD-EFGH');
    assert.ok(m.text.includes('123456') && m.text.includes('R-ABCD-EFGH'));
    const r = rejectionMessage('needs_doctor', 'R-ABCD-EFGH', 'https://hersys.example/self-register');
    assert.ok(r.text.includes('医療機関を受診') && r.text.includes('see a doctor') && r.text.includes('https://hersys.example/self-register'));
  });
});

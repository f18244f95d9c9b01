import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CASE_STATUS_LABELS, CASE_STATUSES, statusActorOf, statusChangeProblem, TRANSITIONS, type CaseStatus, type StatusActor } from './case-status.ts';

const change = (actor: StatusActor, from: CaseStatus | null, to: CaseStatus, more: { reason?: string; effectiveOn?: string } = {}) =>
  statusChangeProblem({ actor, from, to, effectiveOn: more.effectiveOn ?? '2022-03-10', today: '2022-03-10', reason: more.reason });

describe('case statuses', () => {
  it('are the record tab’s values, each labelled in Japanese and English', () => {
    assert.equal(CASE_STATUSES.length, 8);
    for (const s of CASE_STATUSES) assert.ok(CASE_STATUS_LABELS[s].ja && CASE_STATUS_LABELS[s].en, s);
    assert.equal(CASE_STATUS_LABELS.awaiting_admission.ja, '入院調整中');
  });
});

describe('statusChangeProblem', () => {
  it('lets the health centre set a missing status and correct any non-final one (Q&A 14-3)', () => {
    assert.equal(change('health_centre', null, 'home'), null);
    for (const from of CASE_STATUSES.filter((s) => s !== 'released' && s !== 'died')) {
      for (const to of CASE_STATUSES.filter((s) => s !== from)) assert.equal(change('health_centre', from, to), null, `${from} -> ${to}`);
    }
  });

  it('keeps released and died final: only the health centre reopens, and only with a reason', () => {
    for (const from of ['released', 'died'] as const) {
      assert.equal(change('health_centre', from, 'home'), 'reopen_needs_reason');
      assert.equal(change('health_centre', from, 'home', { reason: '  ' }), 'reopen_needs_reason');
      assert.equal(change('health_centre', from, 'hospitalized', { reason: '再陽性のため' }), null);
      for (const actor of ['hospital', 'facility', 'followup'] as const) assert.equal(change(actor, from, 'hospitalized', { reason: 'x' }), 'final_status');
    }
  });

  it('lets a hospital record admission and discharge of its own inpatients (Q&A 9), nothing else', () => {
    assert.equal(change('hospital', null, 'hospitalized'), null);
    assert.equal(change('hospital', 'awaiting_admission', 'hospitalized'), null);
    assert.equal(change('hospital', 'hospitalized', 'released'), null);
    assert.equal(change('hospital', 'hospitalized', 'died'), null);
    assert.equal(change('hospital', 'home', 'released'), 'transition_not_allowed');
    assert.equal(change('hospital', null, 'home'), 'transition_not_allowed');
    assert.equal(change('hospital', 'hospitalized', 'unknown'), 'transition_not_allowed');
  });

  it('lets a facility move its residents and a follow-up centre its home cases on, nothing else', () => {
    assert.equal(change('facility', 'accommodation', 'awaiting_admission'), null);
    assert.equal(change('facility', 'accommodation', 'released'), null);
    assert.equal(change('facility', 'home', 'released'), 'transition_not_allowed');
    assert.equal(change('followup', 'home', 'awaiting_admission'), null);
    assert.equal(change('followup', 'home', 'released'), null);
    assert.equal(change('followup', 'accommodation', 'released'), 'transition_not_allowed');
    assert.equal(change('followup', null, 'home'), 'transition_not_allowed');
  });

  it('refuses no change and a future effective date', () => {
    assert.equal(change('health_centre', 'home', 'home'), 'no_change');
    assert.equal(change('health_centre', 'home', 'released', { effectiveOn: '2022-03-11' }), 'effective_in_future');
  });

  it('lists no transition into the same status or out of a final one', () => {
    for (const [actor, pairs] of Object.entries(TRANSITIONS)) {
      for (const [from, to] of pairs) {
        assert.notEqual(from, to, actor);
        assert.ok(from !== 'released' && from !== 'died', `${actor}: ${from} -> ${to}`);
      }
    }
  });

  it('keeps the history in order: a change cannot take effect before the current status did, nor in the future', () => {
    const base = { actor: 'health_centre' as const, from: 'home' as const, to: 'hospitalized' as const, today: '2022-03-10' };
    assert.equal(statusChangeProblem({ ...base, effectiveOn: '2022-03-04', fromEffectiveOn: '2022-03-05' }), 'effective_before_current');
    assert.equal(statusChangeProblem({ ...base, effectiveOn: '2022-03-05', fromEffectiveOn: '2022-03-05' }), null);
    assert.equal(statusChangeProblem({ ...base, effectiveOn: '2022-03-11', fromEffectiveOn: '2022-03-05' }), 'effective_in_future');
  });

  it('allows exactly these moves, for every actor, from every status (none = no status yet) to every other', () => {
    // The closing note of issue 4 prints this table; a change to the rules must change it here.
    const allowed: Record<Exclude<StatusActor, 'health_centre'>, string[]> = {
      hospital: [
        'none→hospitalized', 'awaiting_admission→hospitalized', 'accommodation→hospitalized', 'home→hospitalized',
        'welfare_facility→hospitalized', 'unknown→hospitalized',
        'hospitalized→home', 'hospitalized→accommodation', 'hospitalized→welfare_facility', 'hospitalized→released', 'hospitalized→died',
      ],
      facility: ['accommodation→awaiting_admission', 'accommodation→hospitalized', 'accommodation→home', 'accommodation→released'],
      followup: ['home→awaiting_admission', 'home→released'],
    };
    const froms = [null, ...CASE_STATUSES];
    for (const actor of ['health_centre', 'hospital', 'facility', 'followup'] as const) {
      for (const from of froms) {
        for (const to of CASE_STATUSES) {
          if (from === to) continue;
          const problem = change(actor, from, to, { reason: 'x' });
          const final = from === 'released' || from === 'died';
          const expected =
            actor === 'health_centre' ? null : final ? 'final_status' : allowed[actor].includes(`${from ?? 'none'}→${to}`) ? null : 'transition_not_allowed';
          assert.equal(problem, expected, `${actor}: ${from ?? 'none'} → ${to}`);
        }
      }
    }
  });

  it('tells which rules apply by organisation kind and role', () => {
    assert.equal(statusActorOf('health_center', ['hc_staff']), 'health_centre');
    assert.equal(statusActorOf('public_health_institute', ['hc_staff']), null, 'H rights at an institute do not own statuses');
    assert.equal(statusActorOf('medical_institution', ['clerk']), 'hospital');
    assert.equal(statusActorOf('accommodation_facility', ['facility_staff']), 'facility');
    assert.equal(statusActorOf('followup_center', ['followup_staff']), 'followup');
    assert.equal(statusActorOf('prefecture', ['prefecture_staff']), null);
    assert.equal(statusActorOf('health_center', ['org_admin']), null);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_RISK_CONFIG, RISK_RULES, RULE_IDS, scoreDay, surnameOf, type DayAccess, type RuleContext, type RuleId } from './risk-rules.ts';

let seq = 0;
/** An access at Japan time `hhmm` on 2022-08-20 to the person of `caseId`. */
function access(caseId: string, hhmm: string, more: Partial<DayAccess> & { name?: string; address?: string; phone?: string; sensitive?: boolean } = {}): DayAccess {
  const { name, address, phone, sensitive, ...rest } = more;
  return {
    seq: ++seq,
    at: new Date(Date.parse(`2022-08-20T${hhmm}:00+09:00`)).toISOString(),
    caseId,
    action: 'cases.read',
    template: 'responsible_centre',
    work: false,
    open: true,
    clientAddr: '10.0.0.1',
    relationEnded: false,
    person: { id: `p-${caseId}`, nameKanji: name ?? `患者 ${caseId}`, addresses: address ? [address] : [], phones: phone ? [phone] : [], sensitive: sensitive ?? false },
    ...rest,
  };
}

const context = (more: Partial<RuleContext> = {}): RuleContext => ({
  viewer: { displayName: '山田 一郎', contractorName: null, orgAddress: '東京都新宿区1-1', orgPhone: '03-0000-0001', colleagueNames: ['佐藤 次郎'], home: { addresses: ['東京都中野区2-2'], phones: ['090-1111-2222'] } },
  searches: [],
  workedBefore: new Set(),
  baseline: { own: 20, peers: 25 },
  knownClientAddrs: ['10.0.0.1'],
  config: DEFAULT_RISK_CONFIG,
  ...more,
});

const hitsOf = (id: RuleId, accesses: DayAccess[], ctx = context()) => RISK_RULES.find((r) => r.id === id)!.check(accesses, ctx);

describe('risk rules', () => {
  it('each rule has an id, a weight and ja/en words', () => {
    assert.deepEqual(RISK_RULES.map((r) => r.id), [...RULE_IDS]);
    for (const r of RISK_RULES) assert.ok(r.ja && r.en && r.weight >= 0, r.id);
  });
  it('a day of ordinary explained work in the usual hours raises nothing', () => {
    const day = Array.from({ length: 30 }, (_, i) => access(`c${i}`, `${String(9 + Math.floor(i / 6)).padStart(2, '0')}:${String((i % 6) * 10).padStart(2, '0')}`));
    const { score, hits, alert } = scoreDay(day, context());
    assert.deepEqual(hits, []);
    assert.equal(score, 0);
    assert.equal(alert, false);
  });
  it('same surname: an unexplained look at someone with the viewer’s family name, not an explained one', () => {
    assert.equal(surnameOf('山田　花子'), '山田');
    assert.equal(hitsOf('same_surname', [access('c1', '10:00', { name: '山田 花子', template: null })]).length, 1);
    assert.equal(hitsOf('same_surname', [access('c1', '10:00', { name: '山田 花子' })]).length, 0);
    assert.equal(hitsOf('same_surname', [access('c1', '10:00', { name: '鈴木 花子', template: null })]).length, 0);
  });
  it('same surname and the address or phone of the viewer’s own record or organisation', () => {
    assert.deepEqual(hitsOf('same_surname_address', [access('c1', '10:00', { name: '山田 花子', address: '東京都 中野区2-2' })])[0].detail, { shared: 'address' });
    assert.equal(hitsOf('same_surname_address', [access('c1', '10:00', { name: '山田 花子', phone: '09011112222' })]).length, 1, 'the viewer’s phone');
    assert.equal(hitsOf('same_surname_address', [access('c1', '10:00', { name: '山田 花子', phone: '03-0000-0001' })]).length, 1, 'the organisation’s phone');
    assert.equal(hitsOf('same_surname_address', [access('c1', '10:00', { name: '田中 三郎', address: '東京都中野区2-2' })]).length, 0, 'another family name');
    assert.equal(hitsOf('same_surname_address', [access('c1', '10:00', { name: '山田 花子', address: '東京都中野区3-3' })]).length, 0, 'elsewhere');
    assert.equal(hitsOf('same_surname_address', [access('c1', '10:00', { name: '山田 一郎', address: '東京都中野区2-2' })]).length, 0, 'the viewer’s own record is another rule');
    // A household opened together is ordinary work: two persons sharing an address that is not the viewer's.
    const household = [access('c1', '10:00', { name: '山田 花子', address: '東京都杉並区4-4' }), access('c2', '10:05', { name: '山田 次郎', address: '東京都杉並区4-4' })];
    assert.equal(hitsOf('same_surname_address', household).length, 0);
  });
  it('own or a colleague’s record: the person is named like a user of the viewer’s organisation', () => {
    const [hit] = hitsOf('own_or_colleague', [access('c1', '10:00', { name: '佐藤　次郎' })]);
    assert.equal(hit.detail.self, false);
    assert.equal(hitsOf('own_or_colleague', [access('c1', '10:00', { name: '山田 一郎' })])[0].detail.self, true);
    assert.equal(hitsOf('own_or_colleague', [access('c1', '10:00', { name: '佐藤 三郎' })]).length, 0);
    // A namesake the viewer looks after: work on the case that day, or before it.
    const namesake = access('c1', '10:00', { name: '佐藤 次郎' });
    assert.equal(hitsOf('own_or_colleague', [namesake, access('c1', '10:10', { name: '佐藤 次郎', work: true, open: false })]).length, 0);
    assert.equal(hitsOf('own_or_colleague', [namesake], context({ workedBefore: new Set(['c1']) })).length, 0);
  });
  it('a sensitive record looked at without work, even by its own centre; working on it is not a hit', () => {
    assert.equal(hitsOf('sensitive_record', [access('c1', '10:00', { sensitive: true })]).length, 1);
    assert.equal(hitsOf('sensitive_record', [access('c1', '10:00', { sensitive: true }), access('c1', '10:05', { sensitive: true, work: true, open: false })]).length, 0);
    assert.equal(hitsOf('sensitive_record', [access('c1', '10:00')]).length, 0);
    assert.equal(hitsOf('sensitive_record', [access('c1', '10:00', { sensitive: true })], context({ workedBefore: new Set(['c1']) })).length, 0, 'the one who looks after them');
  });
  it('access after the relationship ended', () => {
    assert.equal(hitsOf('after_relationship_ended', [access('c1', '10:00', { template: null, relationEnded: true })]).length, 1);
    assert.equal(hitsOf('after_relationship_ended', [access('c1', '10:00', { template: null })]).length, 0);
    // Kept as a related centre after handing the case over: a look is a hit, work on it (a contact of theirs) is not.
    const kept = access('c1', '10:00', { template: 'related_centre', relationEnded: true });
    assert.equal(hitsOf('after_relationship_ended', [kept]).length, 1);
    assert.equal(hitsOf('after_relationship_ended', [kept, access('c1', '10:20', { template: 'related_centre', relationEnded: true, work: true, open: false })]).length, 0);
  });
  it('unexplained accesses count once per case', () => {
    assert.equal(hitsOf('unexplained', [access('c1', '10:00', { template: null }), access('c1', '10:01', { template: null }), access('c2', '10:02')]).length, 1);
  });
  it('a name search whose result was opened without work after it; with work it is not', () => {
    const s = { seq: 999, at: new Date(Date.parse('2022-08-20T10:00:00+09:00')).toISOString(), caseIds: ['c1', 'c2'] };
    const look = access('c1', '10:02', { template: null });
    assert.equal(hitsOf('search_without_work', [look], context({ searches: [s] })).length, 1);
    assert.equal(hitsOf('search_without_work', [look, access('c1', '10:10', { work: true, open: false })], context({ searches: [s] })).length, 0);
    assert.equal(hitsOf('search_without_work', [access('c1', '11:00')], context({ searches: [s] })).length, 0, 'opened long after');
    assert.equal(hitsOf('search_without_work', [], context({ searches: [s] })).length, 0, 'nothing opened');
    // The record opened from the search is the first one after it: another listed case opened later for other work is not a hit.
    const called = [access('c3', '10:01'), access('c3', '10:05', { work: true, open: false }), access('c2', '10:20')];
    assert.equal(hitsOf('search_without_work', called, context({ searches: [{ ...s, caseIds: ['c2', 'c3'] }] })).length, 0);
  });
  it('volume far above the viewer’s own and their peers’ baseline, never below the floor', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => access(`c${i}`, `1${i % 8}:${String(i % 60).padStart(2, '0')}`));
    assert.equal(hitsOf('volume', many(76), context({ baseline: { own: 25, peers: 20 } })).length, 1);
    assert.equal(hitsOf('volume', many(74), context({ baseline: { own: 25, peers: 20 } })).length, 0);
    assert.equal(hitsOf('volume', many(39), context({ baseline: { own: 2, peers: null } })).length, 0, 'floor');
    assert.equal(hitsOf('volume', many(41), context({ baseline: { own: null, peers: 5 } })).length, 1);
    assert.equal(hitsOf('volume', many(100), context({ baseline: { own: null, peers: null } })).length, 0, 'no history to compare with');
    // A wave: everyone in the same job opens three times their usual that day.
    assert.equal(hitsOf('volume', many(90), context({ baseline: { own: 25, peers: 20, peersToday: 70 } })).length, 0, 'the whole team’s heavy day');
    assert.equal(hitsOf('volume', many(220), context({ baseline: { own: 25, peers: 20, peersToday: 70 } })).length, 1);
  });
  it('browsing: ten records opened within half an hour with no work on any of them', () => {
    const look = (n: number, minutesApart: number) =>
      Array.from({ length: n }, (_, i) => access(`v${i}`, `${String(10 + Math.floor((i * minutesApart) / 60)).padStart(2, '0')}:${String((i * minutesApart) % 60).padStart(2, '0')}`));
    const [hit] = hitsOf('browsing', look(10, 3));
    assert.equal(hit.caseIds.length, 10);
    assert.equal(hitsOf('browsing', look(9, 3)).length, 0, 'nine');
    assert.equal(hitsOf('browsing', look(10, 20)).length, 0, 'spread over the day');
    const worked = look(10, 3).flatMap((a) => [a, { ...a, seq: a.seq + 10_000, action: 'observations.record', work: true, open: false }]);
    assert.equal(hitsOf('browsing', worked).length, 0, 'work on each');
  });
  it('off-hours in Japan time', () => {
    assert.equal(hitsOf('off_hours', [access('c1', '23:30')]).length, 1);
    assert.equal(hitsOf('off_hours', [access('c1', '05:59')]).length, 1);
    assert.equal(hitsOf('off_hours', [access('c1', '06:00'), access('c2', '21:59')]).length, 0);
  });
  it('a burst: twenty records opened within five minutes, not spread over an hour', () => {
    const burst = Array.from({ length: 20 }, (_, i) => access(`b${i}`, `14:0${Math.floor(i / 5)}`));
    assert.equal(hitsOf('burst', burst)[0].caseIds.length, 20);
    const spread = Array.from({ length: 20 }, (_, i) => access(`s${i}`, `14:${String(i * 3).padStart(2, '0')}`));
    assert.equal(hitsOf('burst', spread).length, 0);
  });
  it('a new client address, only once the viewer has a history', () => {
    assert.equal(hitsOf('new_client_address', [access('c1', '10:00', { clientAddr: '192.0.2.9' })]).length, 1);
    assert.equal(hitsOf('new_client_address', [access('c1', '10:00', { clientAddr: '192.0.2.9' })], context({ knownClientAddrs: null })).length, 0);
  });
  it('contractor staff’s accesses are counted, weightless', () => {
    const ctx = context({ viewer: { ...context().viewer, contractorName: '株式会社サンプル' } });
    const [hit] = hitsOf('contractor', [access('c1', '10:00'), access('c2', '10:01')], ctx);
    assert.equal(hit.detail.accesses, 2);
    assert.equal(scoreDay([access('c1', '10:00')], ctx).score, 0);
  });
  it('the day alerts when the score reaches the threshold; one rule counts at most the threshold', () => {
    const s = { seq: 998, at: new Date(Date.parse('2022-08-20T10:00:00+09:00')).toISOString(), caseIds: ['c9'] };
    const exPartner = scoreDay([access('c9', '10:01', { template: null })], context({ searches: [s] }));
    assert.deepEqual(exPartner.hits.map((h) => h.rule).sort(), ['search_without_work', 'unexplained']);
    assert.equal(exPartner.alert, true);
    const browsing = scoreDay(Array.from({ length: 12 }, (_, i) => access(`u${i}`, `10:${String(i * 4).padStart(2, '0')}`, { template: null })), context());
    assert.equal(browsing.score, 50);
    assert.equal(scoreDay([access('c1', '10:00', { template: null })], context()).alert, false, 'one unexplained look alone');
  });
});

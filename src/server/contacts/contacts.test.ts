// 濃厚接触者 and the transmission chain through the API: registering contacts after the patient's
// interview (a new person or one the duplicate check found), one contact record with several
// source cases, monitoring by the dated rule, who may register, see and change contacts (also raw
// under row-level security), becoming a case, and the chain walked both ways with masking.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { ENGINES, type TestDatabase } from '../../../test/harness/engines.ts';
import { actorFor } from '../../../test/harness/actors.ts';
import { closeApp, firstLogin, openApp, type LoggedIn } from '../../../test/harness/http.ts';
import { japanToday } from '../../domain/calendar.ts';
import { addDays } from '../../domain/contacts.ts';
import { rows } from '../db/database.ts';

const person = (nameKanji: string, nameKana: string, birthDate: string, sex: 'male' | 'female' = 'female') => ({
  nameKanji,
  nameKana,
  sex,
  birthDate,
  phone: '090-0000-1111',
  residenceAddress: '東京都新宿区西新宿2-8-1',
});
const WIFE = person('山田 良子', 'ヤマダ ヨシコ', '1960-06-15');
const PCR_POSITIVE = { method: 'naat', specimen: 'nasopharyngeal_swab', collectedOn: '2022-08-12', result: 'positive', resultOn: '2022-08-13' };

for (const engine of ENGINES) {
  describe(`contacts and the transmission chain (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let hc: LoggedIn;
    let nakano: LoggedIn;
    let sg: LoggedIn;
    let hotel: LoggedIn;
    let doctor: LoggedIn;
    let phi: LoggedIn;
    const cases: Record<string, { id: string; personId: string }> = {};
    let wife: { contactId: string; personId: string; version: number };
    const today = japanToday(new Date());
    const count = async (table: string) => (await t.superuser(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n as number;
    /** What an account sees of a table, raw, under row-level security. */
    const rawAs = async (loginId: string, table: 'contacts' | 'contact_exposures' | 'persons') =>
      t.db.asActor(await actorFor(t.db, loginId), (tx) => rows<{ id: string }>(tx, sql.raw(`SELECT * FROM ${table}`)));

    before(async () => {
      ({ t, app } = await openApp(engine));
      [hc, nakano, sg, hotel, doctor, phi] = [
        await firstLogin(t, app, 'shinjuku-h1'),
        await firstLogin(t, app, 'nakano-h1'),
        await firstLogin(t, app, 'tokyo-sg1'),
        await firstLogin(t, app, 'tokyo-hotel1'),
        await firstLogin(t, app, 'sakura-dr1'),
        await firstLogin(t, app, 'tokyo-phi1'),
      ];
      const demo = await t.superuser('SELECT c.id, c.person_id, p.name_kana FROM cases c JOIN persons p ON p.id = c.person_id');
      for (const r of demo.rows) cases[r.name_kana as string] = { id: r.id as string, personId: r.person_id as string };
    });
    after(() => closeApp(t, app));

    const yamada = () => cases['ヤマダ タロウ']!.id;
    const sato = () => cases['サトウ ハナコ']!.id;
    const suzuki = () => cases['スズキ イチロウ']!.id;
    const takahashi = () => cases['タカハシ ミサキ']!.id;
    const tanaka = () => cases['タナカ ケン']!.id;
    const contactOf = (who: LoggedIn, caseId: string, body: object) => who.client.post(`/api/cases/${caseId}/contacts`, body);

    it('registers a new person as a household contact of ヤマダ タロウ, monitored until 5 days after the last contact (2022-08-01)', async () => {
      const r = await contactOf(hc, yamada(), { person: WIFE, setting: 'household', relation: '配偶者', lastContactOn: '2022-08-01', note: '同居' });
      assert.equal(r.statusCode, 201, JSON.stringify(r.body));
      assert.equal(r.body.created, 'contact');
      assert.equal(r.body.monitoringEndsOn, '2022-08-06');
      assert.equal(r.body.outcome, 'monitoring');
      wife = r.body;
      const row = (await t.superuser('SELECT responsible_hc_id, prefecture_id, disease, person_id FROM contacts WHERE id = $1', [wife.contactId])).rows[0];
      assert.deepEqual(row, { responsible_hc_id: t.world.orgIds['shinjuku-hc'], prefecture_id: t.world.orgIds.tokyo, disease: 'covid19', person_id: wife.personId });
      const audited = (await t.superuser("SELECT record_ids, details FROM audit_log WHERE action = 'contacts.add' ORDER BY seq DESC LIMIT 1")).rows[0]!;
      assert.deepEqual(audited.record_ids, [wife.contactId, wife.personId]);
      assert.equal((audited.details as { sourceCaseId: string }).sourceCaseId, yamada());
    });

    it('the duplicate check finds her; as a contact of サトウ ハナコ too she keeps one contact with two exposures, monitored from the latest contact', async () => {
      const dup = await hc.client.post('/api/registrations/duplicates', { nameKana: 'やまだ よしこ', birthDate: '1960-06-15', sex: 'female' });
      assert.equal(dup.statusCode, 200);
      assert.deepEqual(dup.body.candidates.map((c: { personId: string }) => c.personId), [wife.personId]);
      assert.equal(dup.body.candidates[0].maskedName, 'ヤ** ヨ**');

      const r = await contactOf(hc, sato(), { personId: wife.personId, setting: 'workplace', relation: '同僚', lastContactOn: '2022-08-03' });
      assert.equal(r.statusCode, 201, JSON.stringify(r.body));
      assert.equal(r.body.created, 'exposure');
      assert.equal(r.body.contactId, wife.contactId);
      assert.equal(r.body.monitoringEndsOn, '2022-08-08');
      assert.equal((await t.superuser('SELECT count(*)::int AS n FROM contacts WHERE person_id = $1', [wife.personId])).rows[0]!.n, 1);

      const detail = await hc.client.get(`/api/contacts/${wife.contactId}`);
      assert.equal(detail.statusCode, 200);
      assert.deepEqual(detail.body.exposures.map((e: { sourceCase: { caseId: string } }) => e.sourceCase.caseId), [yamada(), sato()]);
      assert.equal(detail.body.person.full.nameKana, 'ヤマダ ヨシコ');
      wife.version = detail.body.version;
    });

    it('monitoring follows the rule in force on the date of last contact: 14 days in 2021, 7 days from 2022-01-28', async () => {
      const old = await contactOf(hc, yamada(), { person: person('山田 一', 'ヤマダ ハジメ', '1990-01-01', 'male'), setting: 'household', lastContactOn: '2021-12-01' });
      assert.equal(old.body.monitoringEndsOn, '2021-12-15');
      const jan = await contactOf(hc, sato(), { person: person('佐藤 二郎', 'サトウ ジロウ', '1988-02-02', 'male'), setting: 'school', lastContactOn: '2022-01-28' });
      assert.equal(jan.body.monitoringEndsOn, '2022-02-04');
    });

    it('the same source twice is a 409, and a case is not its own contact', async () => {
      const twice = await contactOf(hc, yamada(), { personId: wife.personId, setting: 'household', lastContactOn: '2022-08-01' });
      assert.equal(twice.statusCode, 409);
      assert.equal(twice.body.code, 'contact_exposure_exists');
      const self = await contactOf(hc, yamada(), { personId: cases['ヤマダ タロウ']!.personId, setting: 'household', lastContactOn: '2022-08-01' });
      assert.equal(self.statusCode, 400);
      assert.deepEqual(self.body.errors[0].path, ['body', 'personId']);
      assert.equal(self.body.errors[0].code, 'contact_is_source_person');
    });

    it('nakano-h1, neither responsible nor related for ヤマダ, can neither add nor see its contacts, not even raw', async () => {
      assert.equal((await contactOf(nakano, yamada(), { person: WIFE, setting: 'household', lastContactOn: '2022-08-01' })).statusCode, 404);
      assert.equal((await nakano.client.get(`/api/cases/${yamada()}/contacts`)).statusCode, 404);
      assert.equal((await nakano.client.get(`/api/contacts/${wife.contactId}`)).statusCode, 404);
      assert.equal((await nakano.client.get(`/api/cases/${yamada()}/chain`)).statusCode, 404);
      assert.deepEqual(await rawAs('nakano-h1', 'contacts'), []);
      assert.deepEqual(await rawAs('nakano-h1', 'contact_exposures'), []);
      assert.ok(!(await rawAs('nakano-h1', 'persons')).some((p) => p.id === wife.personId), 'nor the contact person');
    });

    it('only staff of the case’s responsible or a related centre register contacts', async () => {
      // The public-health institute sees every case of the prefecture with H rights, but does not interview patients.
      const r = await contactOf(phi, yamada(), { person: WIFE, setting: 'household', lastContactOn: '2022-08-01' });
      assert.equal(r.statusCode, 403);
      assert.equal(r.body.code, 'contact_not_case_centre');
      assert.equal((await contactOf(sg, yamada(), { person: WIFE, setting: 'household', lastContactOn: '2022-08-01' })).statusCode, 403);
    });

    it('tokyo-hotel1 and sakura-dr1 see no contacts, even raw under row-level security, though they see the source cases', async () => {
      for (const [loginId, who] of [['tokyo-hotel1', hotel], ['sakura-dr1', doctor]] as const) {
        assert.equal((await who.client.get(`/api/cases/${sato()}/contacts`)).statusCode, 403, loginId);
        assert.equal((await who.client.get(`/api/contacts/${wife.contactId}`)).statusCode, 403, loginId);
        assert.deepEqual(await rawAs(loginId, 'contacts'), [], loginId);
        assert.deepEqual(await rawAs(loginId, 'contact_exposures'), [], loginId);
        assert.ok(!(await rawAs(loginId, 'persons')).some((p) => p.id === wife.personId), loginId);
      }
      assert.equal((await hotel.client.get(`/api/cases/${sato()}`)).statusCode, 200, 'the hotel does see サトウ (assigned)');
    });

    it('the prefecture (tokyo-sg1) reads the contacts of a case, masked; the centre gets its working list in full; both audited', async () => {
      const forSg = await sg.client.get(`/api/cases/${yamada()}/contacts`);
      assert.equal(forSg.statusCode, 200);
      const mine = forSg.body.contacts.find((c: { contactId: string }) => c.contactId === wife.contactId);
      assert.equal(mine.person.maskedName, 'ヤ** ヨ**');
      assert.equal(mine.person.full, null);
      assert.ok(!JSON.stringify(forSg.body).includes('ヤマダ ヨシコ'), 'no full name for the prefecture');
      assert.deepEqual([mine.setting, mine.relation, mine.lastContactOn, mine.monitoringEndsOn, mine.outcome], ['household', '配偶者', '2022-08-01', '2022-08-08', 'monitoring']);
      assert.equal(forSg.body.contacts.length, 2);

      const forHc = await hc.client.get(`/api/cases/${yamada()}/contacts`);
      const full = forHc.body.contacts.find((c: { contactId: string }) => c.contactId === wife.contactId).person.full;
      assert.deepEqual(full, { nameKanji: '山田 良子', nameKana: 'ヤマダ ヨシコ', birthDate: '1960-06-15', phone: '090-0000-1111', residenceAddress: '東京都新宿区西新宿2-8-1' });
      const audited = (await t.superuser("SELECT record_ids FROM audit_log WHERE action = 'contacts.list' ORDER BY seq DESC LIMIT 1")).rows[0]!;
      assert.ok((audited.record_ids as string[]).includes(wife.personId), 'the persons shown are audited');
    });

    it('the following centre changes the outcome and note with the version; became_case only by a case', async () => {
      const done = await hc.client.patch(`/api/contacts/${wife.contactId}`, { version: wife.version, outcome: 'completed', note: '観察終了' });
      assert.equal(done.statusCode, 200, JSON.stringify(done.body));
      assert.equal(done.body.outcome, 'completed');
      assert.equal(done.body.note, '観察終了');
      const stale = await hc.client.patch(`/api/contacts/${wife.contactId}`, { version: wife.version, note: 'x' });
      assert.equal(stale.statusCode, 409);
      assert.equal(stale.body.code, 'version_conflict');
      const byHand = await hc.client.patch(`/api/contacts/${wife.contactId}`, { version: done.body.version, outcome: 'became_case' });
      assert.equal(byHand.statusCode, 400);
      assert.deepEqual(byHand.body.errors[0].path, ['body', 'outcome']);
      assert.equal((await sg.client.patch(`/api/contacts/${wife.contactId}`, { version: done.body.version, note: 'x' })).statusCode, 403);
      const audited = (await t.superuser("SELECT details FROM audit_log WHERE action = 'contacts.update'")).rows;
      assert.equal(audited.length, 1);
      assert.deepEqual((audited[0]!.details as { changes: object }).changes, { outcome: { from: 'monitoring', to: 'completed' }, note: { from: '同居', to: '観察終了' } });
      wife.version = done.body.version;
    });

    it('centres of any source case see the contact with their own exposures; an exposure never shortens monitoring, and one beyond today reopens it', async () => {
      // スズキ: nakano's case, shinjuku related. An earlier contact leaves the end as it was.
      const suz = await contactOf(hc, suzuki(), { personId: wife.personId, setting: 'medical', lastContactOn: '2022-07-20' });
      assert.equal(suz.statusCode, 201, JSON.stringify(suz.body));
      assert.deepEqual([suz.body.created, suz.body.monitoringEndsOn, suz.body.outcome], ['exposure', '2022-08-08', 'completed']);

      // nakano now sees the contact through スズキ, but not the exposures to shinjuku's cases.
      const seen = await nakano.client.get(`/api/contacts/${wife.contactId}`);
      assert.equal(seen.statusCode, 200);
      assert.deepEqual(seen.body.exposures.map((e: { sourceCase: { caseId: string } }) => e.sourceCase.caseId), [suzuki()]);
      assert.equal((await rawAs('nakano-h1', 'contacts')).length, 1);
      // Its own contact of タカハシ: nakano sees 07-20 and 08-02 only; the stored 08-08 (from 08-03) stands.
      const tak = await contactOf(nakano, takahashi(), { personId: wife.personId, setting: 'other', lastContactOn: '2022-08-02' });
      assert.equal(tak.statusCode, 201, JSON.stringify(tak.body));
      assert.equal(tak.body.monitoringEndsOn, '2022-08-08');
      // Not nakano's contact to follow.
      assert.equal((await nakano.client.patch(`/api/contacts/${wife.contactId}`, { version: tak.body.version, note: 'x' })).statusCode, 403);

      const again = await contactOf(nakano, tanaka(), { personId: wife.personId, setting: 'other', lastContactOn: today });
      assert.deepEqual([again.body.monitoringEndsOn, again.body.outcome], [addDays(today, 5), 'monitoring']);
      const audited = (await t.superuser("SELECT details FROM audit_log WHERE action = 'contacts.add' ORDER BY seq DESC LIMIT 1")).rows[0]!;
      assert.equal((audited.details as { reopened: boolean }).reopened, true);
      assert.equal((await t.superuser('SELECT count(*)::int AS n FROM contact_exposures WHERE contact_id = $1', [wife.contactId])).rows[0]!.n, 5);
      wife.version = again.body.version;
    });

    it('in the chain the full kana is for staff of each node’s responsible centre only', async () => {
      const chainOf = async (who: LoggedIn) => (await who.client.get(`/api/cases/${suzuki()}/chain?generations=1`)).body.nodes as { id: string; nameKana: string | null }[];
      // スズキ: nakano's case (shinjuku related); the contact is shinjuku's.
      assert.deepEqual((await chainOf(nakano)).map((n) => [n.id, n.nameKana]), [[`case:${suzuki()}`, 'スズキ イチロウ'], [`contact:${wife.contactId}`, null]]);
      assert.deepEqual((await chainOf(hc)).map((n) => [n.id, n.nameKana]), [[`case:${suzuki()}`, null], [`contact:${wife.contactId}`, 'ヤマダ ヨシコ']]);
    });

    it('links an existing case of the same person that a clinic notified; another person’s case or a second case is refused', async () => {
      const son = person('山田 次郎', 'ヤマダ ジロウ', '1992-03-03', 'male');
      const contact = await contactOf(hc, yamada(), { person: son, setting: 'household', relation: '子', lastContactOn: '2022-08-01' });
      // The clinic cannot see contacts, so it registers him as a new person.
      const reg = await doctor.client.post('/api/registrations', { person: son, choice: { kind: 'new_person' }, tests: [PCR_POSITIVE] });
      assert.equal(reg.statusCode, 201);
      const path = `/api/contacts/${contact.body.contactId}/case`;
      const other = await hc.client.post(path, { version: contact.body.version, caseId: sato() });
      assert.equal(other.statusCode, 400);
      assert.deepEqual(other.body.errors[0].path, ['body', 'caseId']);
      assert.equal(other.body.errors[0].code, 'contact_case_other_person');
      assert.equal((await hc.client.post(path, { version: contact.body.version + 1, caseId: reg.body.caseId })).statusCode, 409);
      assert.equal((await nakano.client.post(`/api/contacts/${wife.contactId}/case`, { version: wife.version, caseId: reg.body.caseId })).statusCode, 403);

      const linked = await hc.client.post(path, { version: contact.body.version, caseId: reg.body.caseId });
      assert.equal(linked.statusCode, 201, JSON.stringify(linked.body));
      assert.deepEqual([linked.body.caseId, linked.body.caseNumber, linked.body.created], [reg.body.caseId, reg.body.caseNumber, false]);
      const detail = await hc.client.get(`/api/contacts/${contact.body.contactId}`);
      assert.deepEqual([detail.body.outcome, detail.body.becameCase.caseId], ['became_case', reg.body.caseId]);
      const twice = await hc.client.post(path, { version: linked.body.version, caseId: reg.body.caseId });
      assert.equal(twice.statusCode, 409);
      assert.equal(twice.body.code, 'contact_already_case');
      const outcome = await hc.client.patch(`/api/contacts/${contact.body.contactId}`, { version: linked.body.version, outcome: 'completed' });
      assert.equal(outcome.statusCode, 409);
    });

    describe('the transmission chain', () => {
      const chain: Record<'A' | 'B' | 'C', { caseId: string; personId: string; caseNumber: string }> = {} as never;
      let d: { contactId: string; personId: string };

      /** A contact of `source`, registered now, who becomes a case registered by the centre for the clinic. */
      async function contactBecomingCase(source: string, p: ReturnType<typeof person>) {
        const c = await contactOf(hc, source, { person: p, setting: 'household', lastContactOn: '2022-08-10' });
        assert.equal(c.statusCode, 201, JSON.stringify(c.body));
        const b = await hc.client.post(`/api/contacts/${c.body.contactId}/case`, {
          version: c.body.version,
          institutionId: t.world.orgIds['sakura-clinic'],
          tests: [PCR_POSITIVE],
        });
        assert.equal(b.statusCode, 201, JSON.stringify(b.body));
        assert.equal(b.body.created, true);
        return { caseId: b.body.caseId as string, personId: c.body.personId as string, caseNumber: b.body.caseNumber as string };
      }

      before(async () => {
        const a = await hc.client.post('/api/registrations', {
          person: person('大川 一郎', 'オオカワ イチロウ', '1970-01-01', 'male'),
          choice: { kind: 'new_person' },
          institutionId: t.world.orgIds['sakura-clinic'],
          tests: [PCR_POSITIVE],
        });
        chain.A = a.body;
        chain.B = await contactBecomingCase(chain.A.caseId, person('大川 二郎', 'オオカワ ジロウ', '1972-02-02', 'male'));
        chain.C = await contactBecomingCase(chain.B.caseId, person('大川 三郎', 'オオカワ サブロウ', '1974-03-03', 'male'));
        const dd = await contactOf(hc, chain.C.caseId, { person: person('大川 四郎', 'オオカワ シロウ', '1976-04-04', 'male'), setting: 'workplace', lastContactOn: '2022-08-12' });
        d = dd.body;
      });

      const get = async (who: LoggedIn, caseId: string, query = '') => {
        const r = await who.client.get(`/api/cases/${caseId}/chain${query}`);
        assert.equal(r.statusCode, 200, JSON.stringify(r.body));
        return r.body as {
          nodes: { id: string; kind: string; caseId: string | null; caseNumber: string | null; generation: number; maskedName: string; nameKana: string | null }[];
          edges: { from: string; to: string; setting: string; lastContactOn: string }[];
          truncated: boolean;
        };
      };

      it('the case registered for a contact keeps the link to its source case', async () => {
        const detail = await hc.client.get(`/api/contacts/${(await t.superuser('SELECT id FROM contacts WHERE became_case_id = $1', [chain.B.caseId])).rows[0]!.id}`);
        assert.deepEqual([detail.body.outcome, detail.body.becameCase.caseId, detail.body.exposures[0].sourceCase.caseId], ['became_case', chain.B.caseId, chain.A.caseId]);
        const row = (await t.superuser('SELECT person_id, responsible_hc_id, reporting_org_id FROM cases WHERE id = $1', [chain.B.caseId])).rows[0];
        assert.deepEqual(row, { person_id: chain.B.personId, responsible_hc_id: t.world.orgIds['shinjuku-hc'], reporting_org_id: t.world.orgIds['sakura-clinic'] });
        const list = await hc.client.get(`/api/cases/${chain.A.caseId}/contacts`);
        assert.deepEqual(list.body.contacts[0].becameCase, { caseId: chain.B.caseId, caseNumber: chain.B.caseNumber });
      });

      it('from A over three generations: A, B, C (cases) and D (a contact), three edges', async () => {
        const g = await get(hc, chain.A.caseId, '?generations=3');
        const ids = [`case:${chain.A.caseId}`, `case:${chain.B.caseId}`, `case:${chain.C.caseId}`, `contact:${d.contactId}`];
        assert.deepEqual(g.nodes.map((n) => n.id), ids);
        assert.deepEqual(g.nodes.map((n) => n.generation), [0, 1, 2, 3]);
        assert.deepEqual(g.nodes.map((n) => n.kind), ['case', 'case', 'case', 'contact']);
        assert.deepEqual(g.edges.map((e) => [e.from, e.to]), [[ids[0], ids[1]], [ids[1], ids[2]], [ids[2], ids[3]]]);
        assert.deepEqual(g.edges.map((e) => [e.setting, e.lastContactOn]), [['household', '2022-08-10'], ['household', '2022-08-10'], ['workplace', '2022-08-12']]);
        assert.equal(g.truncated, false);
        assert.equal(g.nodes[1]!.caseNumber, chain.B.caseNumber);
        const audited = (await t.superuser("SELECT record_ids FROM audit_log WHERE action = 'contacts.chain' ORDER BY seq DESC LIMIT 1")).rows[0]!;
        assert.deepEqual(new Set(audited.record_ids as string[]), new Set([chain.A.personId, chain.B.personId, chain.C.personId, d.personId]));
      });

      it('with one generation only A and B; three by default', async () => {
        const one = await get(hc, chain.A.caseId, '?generations=1');
        assert.deepEqual(one.nodes.map((n) => n.id), [`case:${chain.A.caseId}`, `case:${chain.B.caseId}`]);
        assert.equal(one.edges.length, 1);
        assert.equal((await get(hc, chain.A.caseId)).nodes.length, 4);
      });

      it('from C the walk goes back to B and A through the contact records, and on to D', async () => {
        const g = await get(hc, chain.C.caseId);
        const gen = Object.fromEntries(g.nodes.map((n) => [n.id, n.generation]));
        assert.deepEqual(gen, { [`case:${chain.C.caseId}`]: 0, [`case:${chain.B.caseId}`]: -1, [`contact:${d.contactId}`]: 1, [`case:${chain.A.caseId}`]: -2 });
        assert.equal(g.edges.length, 3);
        assert.ok(g.edges.some((e) => e.from === `case:${chain.A.caseId}` && e.to === `case:${chain.B.caseId}`), 'A → B');
        const back = await get(hc, chain.C.caseId, '?generations=1');
        assert.deepEqual(back.nodes.map((n) => n.id).sort(), [`case:${chain.B.caseId}`, `case:${chain.C.caseId}`, `contact:${d.contactId}`].sort());
      });

      it('masks names: the prefecture sees initials, the responsible centre the full kana', async () => {
        const forSg = await get(sg, chain.A.caseId);
        assert.equal(forSg.nodes.length, 4);
        assert.deepEqual(forSg.nodes.map((n) => n.maskedName), ['オ*** イ***', 'オ*** ジ**', 'オ*** サ***', 'オ*** シ**']);
        assert.deepEqual(forSg.nodes.map((n) => n.nameKana), [null, null, null, null]);
        assert.ok(!JSON.stringify(forSg).includes('オオカワ'), 'no full name for the prefecture');
        const forHc = await get(hc, chain.A.caseId);
        assert.deepEqual(forHc.nodes.map((n) => n.nameKana), ['オオカワ イチロウ', 'オオカワ ジロウ', 'オオカワ サブロウ', 'オオカワ シロウ']);
      });

      it('is not for those who may not see the case or contacts', async () => {
        assert.equal((await nakano.client.get(`/api/cases/${chain.A.caseId}/chain`)).statusCode, 404);
        assert.equal((await hotel.client.get(`/api/cases/${chain.A.caseId}/chain`)).statusCode, 403);
        assert.equal((await doctor.client.get(`/api/cases/${chain.A.caseId}/chain`)).statusCode, 403);
      });

      it('crosses centres: after C moves to Nakano, each centre sees the whole chain, with the other’s cases anonymous', async () => {
        const v = (await t.superuser('SELECT version FROM cases WHERE id = $1', [chain.C.caseId])).rows[0]!.version;
        const moved = await hc.client.post(`/api/cases/${chain.C.caseId}/transfer`, { toHcId: t.world.orgIds['nakano-hc'], reason: '転居', version: v });
        assert.equal(moved.statusCode, 201, JSON.stringify(moved.body));
        const fromA = await get(hc, chain.A.caseId);
        assert.equal(fromA.nodes.length, 4);
        assert.equal(fromA.edges.length, 3);
        const hiddenC = fromA.nodes.find((n) => n.generation === 2)! as Record<string, unknown>;
        assert.deepEqual(
          [hiddenC.hidden, hiddenC.kind, hiddenC.caseId, hiddenC.caseNumber, hiddenC.maskedName, hiddenC.sex, hiddenC.ageBand],
          [true, 'case', null, null, null, null, null],
        );
        assert.match(hiddenC.id as string, /^hidden:/);
        assert.ok(!JSON.stringify(fromA).includes(chain.C.caseId), 'no trace of the case Shinjuku no longer sees');
        assert.ok(!JSON.stringify(fromA).includes(chain.C.caseNumber), 'nor of its number');
        // The edges still join A → B → (C) → D.
        assert.ok(fromA.edges.some((e) => e.from === hiddenC.id && e.to === `contact:${d.contactId}`), '(C) → D');
        // Nakano, from C, sees its case and Shinjuku's contact D (an exposure of C), and B and A anonymously.
        const fromC = await get(nakano, chain.C.caseId);
        const byGeneration = Object.fromEntries(fromC.nodes.map((n) => [n.generation, n as Record<string, unknown>]));
        assert.deepEqual(Object.keys(byGeneration).map(Number).sort((x, y) => x - y), [-2, -1, 0, 1]);
        assert.deepEqual([byGeneration[0].caseId, byGeneration[0].nameKana], [chain.C.caseId, 'オオカワ サブロウ']);
        assert.deepEqual([byGeneration[-1].hidden, byGeneration[-2].hidden, byGeneration[1].hidden], [true, true, false]);
        assert.equal(byGeneration[1].nameKana, null, 'D is Shinjuku’s contact: masked for Nakano');
        // A raw call of the walk shows links only, and nothing to a centre that does not see the case.
        const actor = await actorFor(t.db, 'nakano-h1');
        const raw = await t.db.asActor(actor, (tx) => rows<Record<string, unknown>>(tx, sql`SELECT * FROM transmission_chain(${chain.A.caseId}::uuid, 3, 100)`));
        assert.deepEqual(raw, []);
      });
    });

    it('caps the chain at 500 nodes and says it is truncated', async () => {
      // 600 contacts of タナカ ケン (nakano), written directly: the cap, not the registration, is under test.
      const nakanoUser = (await t.superuser("SELECT id FROM users WHERE login_id = 'nakano-h1'")).rows[0]!.id;
      await t.superuser(
        `WITH p AS (INSERT INTO persons (name_kanji, name_kana, name_kana_key, sex, birth_date)
                    SELECT '接触 ' || i, 'セッショク ' || i, 'セッショク' || i, 'male', '2000-01-01' FROM generate_series(1, 600) i RETURNING id),
              c AS (INSERT INTO contacts (person_id, responsible_hc_id, prefecture_id, monitoring_ends_on, created_by)
                    SELECT id, $2, $3, '2022-08-06', $4 FROM p RETURNING id)
         INSERT INTO contact_exposures (contact_id, source_case_id, setting, last_contact_on, created_by)
         SELECT id, $1, 'facility', '2022-08-01', $4 FROM c`,
        [tanaka(), t.world.orgIds['nakano-hc'], t.world.orgIds.tokyo, nakanoUser],
      );
      const r = await nakano.client.get(`/api/cases/${tanaka()}/chain?generations=1`);
      assert.equal(r.statusCode, 200);
      assert.equal(r.body.nodes.length, 500);
      assert.equal(r.body.truncated, true);
      assert.equal(r.body.edges.length, 499);
    });

    it('is documented in OpenAPI', async () => {
      const doc = (await hc.client.get('/api/openapi.json')).body;
      for (const p of ['/api/cases/{id}/contacts', '/api/contacts/{id}', '/api/contacts/{id}/case', '/api/cases/{id}/chain']) assert.ok(doc.paths[p], p);
      const body = doc.paths['/api/cases/{id}/contacts'].post.requestBody.content['application/json'].schema;
      assert.deepEqual(body.properties.setting.enum, ['household', 'workplace', 'school', 'medical', 'facility', 'other']);
    });

    it('refuses bad input with field paths and writes nothing', async () => {
      const [contacts, exposures, persons] = [await count('contacts'), await count('contact_exposures'), await count('persons')];
      const bad = async (body: object, path: (string | number)[], code?: string) => {
        const r = await contactOf(hc, yamada(), body);
        assert.equal(r.statusCode, 400, JSON.stringify(body));
        assert.deepEqual(r.body.errors[0].path, path);
        if (code) assert.equal(r.body.errors[0].code, code);
      };
      const ok = { person: person('山田 三郎', 'ヤマダ サブロウ', '1995-05-05', 'male'), setting: 'household', lastContactOn: '2022-08-01' };
      await bad({ ...ok, personId: wife.personId }, ['body', 'person']);
      await bad({ setting: 'household', lastContactOn: '2022-08-01' }, ['body', 'personId']);
      await bad({ ...ok, setting: 'park' }, ['body', 'setting']);
      await bad({ ...ok, lastContactOn: '2022-02-30' }, ['body', 'lastContactOn']);
      await bad({ ...ok, lastContactOn: addDays(today, 1) }, ['body', 'lastContactOn'], 'last_contact_in_future');
      await bad({ ...ok, lastContactOn: '2019-12-31' }, ['body', 'lastContactOn'], 'last_contact_too_early');
      await bad({ ...ok, person: { ...ok.person, nameKana: '山田 三郎' } }, ['body', 'person', 'nameKana']);
      assert.deepEqual([await count('contacts'), await count('contact_exposures'), await count('persons')], [contacts, exposures, persons]);

      assert.deepEqual((await hc.client.get(`/api/cases/${yamada()}/chain?generations=7`)).body.errors[0].path, ['querystring', 'generations']);
      assert.equal((await hc.client.get(`/api/cases/${yamada()}/chain?generations=0`)).statusCode, 400);
      assert.deepEqual((await hc.client.patch(`/api/contacts/${wife.contactId}`, { outcome: 'completed' })).body.errors[0].path, ['body', 'version']);
      assert.equal((await hc.client.patch(`/api/contacts/${wife.contactId}`, { version: wife.version })).body.code, 'nothing_changed');
      const both = await hc.client.post(`/api/contacts/${wife.contactId}/case`, { version: wife.version, caseId: yamada(), institutionId: t.world.orgIds['sakura-clinic'] });
      assert.deepEqual([both.statusCode, both.body.errors[0].path], [400, ['body', 'institutionId']]);
      const neither = await hc.client.post(`/api/contacts/${wife.contactId}/case`, { version: wife.version });
      assert.deepEqual([neither.statusCode, neither.body.errors[0].path], [400, ['body', 'caseId']]);
      assert.equal((await hc.client.get('/api/contacts/not-a-uuid')).statusCode, 400);
    });
  });
}

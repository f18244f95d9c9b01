// NESID and local IDs of a case (Q&A 10) through the API: kept with the case, a NESID ID names one
// case nationwide while a local ID may repeat across municipalities, and the case list finds a case
// by either, within the searcher's scope. The list also shows each case's current status.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { ENGINES, type TestDatabase } from '../../../test/harness/engines.ts';
import { closeApp, firstLogin, openApp, type LoggedIn } from '../../../test/harness/http.ts';

for (const engine of ENGINES) {
  describe(`external IDs and the case list (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let shinjuku: LoggedIn;
    let nakano: LoggedIn;
    let prefecture: LoggedIn;
    let doctor: LoggedIn;
    const caseId = async (kana: string) =>
      (await t.superuser('SELECT c.id FROM cases c JOIN persons p ON p.id = c.person_id WHERE p.name_kana = $1', [kana])).rows[0].id as string;
    const search = async (who: LoggedIn, system: string, value: string) => {
      const r = await who.client.get(`/api/cases?externalSystem=${system}&externalId=${encodeURIComponent(value)}`);
      assert.equal(r.statusCode, 200, JSON.stringify(r.body));
      return r.body.cases.map((c: { caseId: string }) => c.caseId).sort();
    };
    const audits = (action: string) => t.superuser('SELECT * FROM audit_log WHERE action = $1 ORDER BY seq', [action]);

    let yamada: string;
    let sato: string;
    let takahashi: string;
    let nesidId: string;

    before(async () => {
      ({ t, app } = await openApp(engine));
      shinjuku = await firstLogin(t, app, 'shinjuku-h1');
      nakano = await firstLogin(t, app, 'nakano-h1');
      prefecture = await firstLogin(t, app, 'tokyo-sg1');
      doctor = await firstLogin(t, app, 'sakura-dr1');
      [yamada, sato, takahashi] = [await caseId('ヤマダ タロウ'), await caseId('サトウ ハナコ'), await caseId('タカハシ ミサキ')];
    });
    after(() => closeApp(t, app));

    it('the centre links a case to its NESID ID (trimmed, upper case); audited', async () => {
      const r = await shinjuku.client.post(`/api/cases/${yamada}/external-ids`, { system: 'nesid', value: ' nes0012345 ' });
      assert.equal(r.statusCode, 201, JSON.stringify(r.body));
      assert.equal(r.body.system, 'nesid');
      assert.equal(r.body.value, 'NES0012345');
      assert.equal(r.body.caseId, yamada);
      nesidId = r.body.id;
      const list = await shinjuku.client.get(`/api/cases/${yamada}/external-ids`);
      assert.deepEqual(list.body.externalIds.map((x: { id: string }) => x.id), [nesidId]);
      const [row] = (await audits('external_ids.add')).rows;
      assert.deepEqual(row.record_ids, [yamada, nesidId]);
      assert.deepEqual(row.details, { system: 'nesid', value: 'NES0012345' });
    });

    it('the case list finds the case by it, for those who see the case only', async () => {
      assert.deepEqual(await search(shinjuku, 'nesid', 'NES0012345'), [yamada]);
      assert.deepEqual(await search(shinjuku, 'nesid', ' nes0012345'), [yamada], 'searched as stored');
      assert.deepEqual(await search(prefecture, 'nesid', 'NES0012345'), [yamada]);
      assert.deepEqual(await search(nakano, 'nesid', 'NES0012345'), [], 'Nakano does not see the case');
      assert.deepEqual(await search(shinjuku, 'local', 'NES0012345'), [], 'another system');
      assert.deepEqual(await search(shinjuku, 'nesid', 'NES0012346'), []);
    });

    it('a NESID ID already on another case is refused (409), also when that case is out of sight; on the same case too', async () => {
      const other = await shinjuku.client.post(`/api/cases/${sato}/external-ids`, { system: 'nesid', value: 'NES0012345' });
      assert.equal(other.statusCode, 409);
      assert.equal(other.body.code, 'external_id_taken');
      assert.ok(other.body.message.ja.includes('NESID'));
      const unseen = await nakano.client.post(`/api/cases/${takahashi}/external-ids`, { system: 'nesid', value: 'nes0012345' });
      assert.equal(unseen.statusCode, 409);
      assert.equal(unseen.body.code, 'external_id_taken');
      assert.ok(!JSON.stringify(unseen.body).includes(yamada), 'the other case is not named');
      const same = await shinjuku.client.post(`/api/cases/${yamada}/external-ids`, { system: 'nesid', value: 'NES0012345' });
      assert.equal(same.statusCode, 409);
      assert.equal(same.body.code, 'external_id_duplicate');
      assert.equal((await t.superuser("SELECT count(*)::int AS n FROM case_external_ids WHERE system = 'nesid'")).rows[0].n, 1);
    });

    it('a local ID may repeat across municipalities; each searcher finds the cases they see', async () => {
      const a = await shinjuku.client.post(`/api/cases/${yamada}/external-ids`, { system: 'local', value: 'R4-0001' });
      const b = await nakano.client.post(`/api/cases/${takahashi}/external-ids`, { system: 'local', value: 'R4-0001' });
      assert.equal(a.statusCode, 201);
      assert.equal(b.statusCode, 201);
      assert.deepEqual(await search(shinjuku, 'local', 'R4-0001'), [yamada]);
      assert.deepEqual(await search(nakano, 'local', 'R4-0001'), [takahashi]);
      assert.deepEqual(await search(prefecture, 'local', 'R4-0001'), [yamada, takahashi].sort());
      assert.deepEqual(await search(doctor, 'local', 'R4-0001'), [yamada], 'the reporting clinic sees its case');
    });

    it('prefecture staff may link; a clinic doctor may not (403); a centre not seeing the case gets 404', async () => {
      const sg = await prefecture.client.post(`/api/cases/${sato}/external-ids`, { system: 'local', value: 'TOKYO-77' });
      assert.equal(sg.statusCode, 201);
      const clinic = await doctor.client.post(`/api/cases/${yamada}/external-ids`, { system: 'local', value: 'X1' });
      assert.equal(clinic.statusCode, 403);
      const unseen = await nakano.client.post(`/api/cases/${yamada}/external-ids`, { system: 'local', value: 'X1' });
      assert.equal(unseen.statusCode, 404);
      assert.equal((await nakano.client.get(`/api/cases/${yamada}/external-ids`)).statusCode, 404);
    });

    it('bad input is a 400 at the field', async () => {
      const cases: [unknown, (string | number)[]][] = [
        [{ system: 'nesid', value: 'NES-001' }, ['body', 'value']],
        [{ system: 'nesid', value: 'A'.repeat(41) }, ['body', 'value']],
        [{ system: 'nesid', value: '   ' }, ['body', 'value']],
        [{ system: 'local', value: 'L'.repeat(65) }, ['body', 'value']],
        [{ system: 'local', value: 'a\u0000b' }, ['body', 'value']],
        [{ system: 'other', value: 'x' }, ['body', 'system']],
      ];
      for (const [body, path] of cases) {
        const r = await shinjuku.client.post(`/api/cases/${yamada}/external-ids`, body);
        assert.equal(r.statusCode, 400, JSON.stringify(body));
        assert.deepEqual(r.body.errors[0].path, path, JSON.stringify(body));
      }
      assert.equal((await shinjuku.client.post(`/api/cases/${yamada}/external-ids`, { system: 'local', value: 'L'.repeat(64) })).statusCode, 201);
      for (const [query, path] of [
        ['externalSystem=nesid', ['querystring', 'externalId']],
        ['externalId=NES0012345', ['querystring', 'externalSystem']],
        ['externalSystem=nesid&externalId=NES-1', ['querystring', 'externalId']],
        ['externalSystem=nhs&externalId=1', ['querystring', 'externalSystem']],
      ] as const) {
        const r = await shinjuku.client.get(`/api/cases?${query}`);
        assert.equal(r.statusCode, 400, query);
        assert.deepEqual(r.body.errors[0].path, path, query);
      }
    });

    it('removing an ID: not by a centre that does not see the case, nor a doctor; then the search no longer finds it; audited', async () => {
      assert.equal((await nakano.client.delete(`/api/external-ids/${nesidId}`)).statusCode, 404);
      assert.equal((await doctor.client.delete(`/api/external-ids/${nesidId}`)).statusCode, 403);
      const r = await shinjuku.client.delete(`/api/external-ids/${nesidId}`);
      assert.equal(r.statusCode, 204);
      assert.deepEqual(await search(shinjuku, 'nesid', 'NES0012345'), []);
      assert.equal((await shinjuku.client.delete(`/api/external-ids/${nesidId}`)).statusCode, 404);
      const [row] = (await audits('external_ids.delete')).rows;
      assert.deepEqual(row.record_ids, [yamada, nesidId]);
      assert.deepEqual(row.details, { system: 'nesid', value: 'NES0012345' });
      // Freed: another case may now carry it.
      assert.equal((await shinjuku.client.post(`/api/cases/${sato}/external-ids`, { system: 'nesid', value: 'NES0012345' })).statusCode, 201);
    });

    it('each row of the case list carries the current status (null while none is recorded)', async () => {
      await t.superuser("UPDATE cases SET current_status = 'home' WHERE id = $1", [yamada]);
      const r = await shinjuku.client.get('/api/cases');
      assert.equal(r.statusCode, 200);
      const byId = Object.fromEntries(r.body.cases.map((c: { caseId: string; currentStatus: unknown }) => [c.caseId, c.currentStatus]));
      assert.equal(byId[yamada], 'home');
      assert.equal(byId[sato], null);
      assert.ok(r.body.cases.every((c: object) => 'currentStatus' in c));
    });
  });
}

// Addresses are saved normalised (issue 15): full-width digits and letters become ASCII and the
// hyphen-like characters between numbers "-", at registration and at a correction alike; the same
// address typed another way is no change. Nothing else of what was typed changes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { ENGINES, type TestDatabase } from '../../../test/harness/engines.ts';
import { closeApp, firstLogin, openApp, type LoggedIn } from '../../../test/harness/http.ts';

const CHILD = {
  nameKanji: '森 小太郎',
  nameKana: 'モリ コタロウ',
  sex: 'male',
  birthDate: '2018-05-05',
  residenceAddress: '東京都新宿区高田馬場３ー２ー１　メゾン髙田ＡＢ１０１',
  registeredAddress: '東京都新宿区高田馬場３－２－１',
  guardian: { name: '森 花子', address: '東京都新宿区高田馬場３‐２‐１' },
};

for (const engine of ENGINES) {
  describe(`addresses saved normalised (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let doctor: LoggedIn;
    let personId: string;
    const row = async () =>
      (await t.superuser('SELECT residence_address, registered_address, guardian_address, version FROM persons WHERE id = $1', [personId])).rows[0]!;

    before(async () => {
      ({ t, app } = await openApp(engine));
      doctor = await firstLogin(t, app, 'sakura-dr1');
    });
    after(() => closeApp(t, app));

    it('registration saves full-width digits and letters as ASCII and 「ー」「－」「‐」 between numbers as "-"; kanji and spaces stay', async () => {
      const r = await doctor.client.post('/api/registrations', { person: CHILD, choice: { kind: 'new_person' }, tests: [] });
      assert.equal(r.statusCode, 201, JSON.stringify(r.body));
      personId = r.body.personId;
      assert.deepEqual(await row(), {
        residence_address: '東京都新宿区高田馬場3-2-1　メゾン髙田AB101',
        registered_address: '東京都新宿区高田馬場3-2-1',
        guardian_address: '東京都新宿区高田馬場3-2-1',
        version: 1,
      });
    });

    it('a correction is saved the same way; the same address typed another way is no change', async () => {
      const same = await doctor.client.patch(`/api/persons/${personId}`, { version: 1, registeredAddress: '東京都新宿区高田馬場３ー２ー１' });
      assert.equal(same.statusCode, 400, JSON.stringify(same.body));
      assert.equal(same.body.code, 'nothing_changed');
      const moved = await doctor.client.patch(`/api/persons/${personId}`, { version: 1, residenceAddress: '長野県北佐久郡立科町池の平１２３４−５' });
      assert.equal(moved.statusCode, 200, JSON.stringify(moved.body));
      assert.equal(moved.body.residenceAddress, '長野県北佐久郡立科町池の平1234-5');
      assert.equal((await row()).residence_address, '長野県北佐久郡立科町池の平1234-5');
    });
  });
}

// 陽性者登録 through the API, on both engines: the public form and its code, the follow-up centre's
// review with likely duplicates, acceptance by the centre's doctor (one case, one submitted 発生届),
// rejection told by the person's channel, and the scope of each prefecture.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { japanToday } from '../../domain/calendar.ts';
import { addDays } from '../../domain/contacts.ts';
import { actorFor } from '../../../test/harness/actors.ts';
import { ENGINES, type TestDatabase } from '../../../test/harness/engines.ts';
import { Client, closeApp, firstLogin, openApp, startApp, type LoggedIn } from '../../../test/harness/http.ts';
import { rows } from '../db/database.ts';

const today = () => japanToday(new Date());
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).toString('base64');

for (const engine of ENGINES) {
  describe(`self-registration (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let publicClient: Client;
    let staff: LoggedIn;
    let doctor: LoggedIn;
    let clinicDoctor: LoggedIn;
    const form = () => ({
      prefectureId: t.world.orgIds.tokyo,
      nameKanji: '小林 陽菜',
      nameKana: 'コバヤシ ヒナ',
      sex: 'female',
      birthDate: '1999-05-05',
      address: '東京都新宿区大久保一丁目1番1号',
      phone: '090-1234-5678',
      email: 'hina@example.jp',
      channel: 'email',
      testKitName: 'エスプライン SARS-CoV-2',
      specimen: 'nasal_swab',
      testDate: today(),
      symptoms: ['fever'],
      onsetDate: today(),
      riskFactors: [],
    });
    const count = async (table: string) => Number((await t.superuser(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n);
    const lastMessage = async () => (await t.superuser('SELECT kind, payload FROM outbox ORDER BY created_at DESC, id DESC LIMIT 1')).rows[0] as { kind: string; payload: { to: string; text: string; subject?: string } };
    const codeIn = (text: string) => /(\d{6})/.exec(text)![1];
    const byRef = async (reference: string) => (await t.superuser('SELECT id, version FROM self_registrations WHERE reference = $1', [reference])).rows[0] as { id: string; version: number };

    before(async () => {
      ({ t, app } = await openApp(engine, { SELF_REGISTRATION_RATE_LIMIT_PER_MINUTE: 10_000 }));
      publicClient = new Client(app, '192.0.2.10');
      staff = await firstLogin(t, app, 'tokyo-fu1');
      doctor = await firstLogin(t, app, 'tokyo-fu-dr1');
      clinicDoctor = await firstLogin(t, app, 'sakura-dr1');
    });
    after(() => closeApp(t, app));

    it('bad input is a 400 with field paths in Japanese and English, and nothing is written', async () => {
      const before = await count('self_registrations');
      const r = await publicClient.post('/api/self-registrations', {
        ...form(),
        nameKana: 'Kobayashi',
        testDate: addDays(today(), 1),
        photo: { contentType: 'image/jpeg', data: PNG },
      });
      assert.equal(r.statusCode, 400);
      const paths = r.body.errors.map((e: { path: string[] }) => e.path.join('.'));
      assert.ok(paths.includes('body.nameKana'), paths.join());
      assert.ok(r.body.errors.every((e: { message: { ja: string; en: string } }) => e.message.ja && e.message.en));
      const dates = await publicClient.post('/api/self-registrations', { ...form(), testDate: addDays(today(), -4), onsetDate: addDays(today(), -5) });
      assert.equal(dates.statusCode, 400);
      assert.deepEqual(dates.body.errors.map((e: { path: string[]; code: string }) => `${e.path.join('.')}:${e.code}`), ['body.testDate:test_too_old']);
      const photo = await publicClient.post('/api/self-registrations', { ...form(), photo: { contentType: 'image/jpeg', data: PNG } });
      assert.equal(photo.statusCode, 400, 'a PNG claimed to be a JPEG is refused by its bytes');
      assert.equal(photo.body.errors[0].path.join('.'), 'body.photo.data');
      assert.equal(photo.body.errors[0].code, 'photo_type');
      assert.equal(await count('self_registrations'), before);
    });

    let started: { id: string; reference: string };
    it('the form keeps the registration unseen and sends a 6-digit code with the reference only', async () => {
      const r = await publicClient.post('/api/self-registrations', { ...form(), photo: { contentType: 'image/png', data: PNG } });
      assert.equal(r.statusCode, 201, JSON.stringify(r.body));
      assert.match(r.body.reference, /^R-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      assert.equal(r.body.sentTo, '***@example.jp');
      started = r.body;
      const m = await lastMessage();
      assert.equal(m.kind, 'email');
      assert.equal(m.payload.to, 'hina@example.jp');
      assert.ok(m.payload.text.includes(started.reference));
      for (const personal of ['小林', 'コバヤシ', '1999', '090-1234-5678', '大久保']) assert.ok(!JSON.stringify(m.payload.text + m.payload.subject).includes(personal));
      const stored = (await t.superuser('SELECT status, code_hash, photo_type FROM self_registrations WHERE id = $1', [started.id])).rows[0];
      assert.equal(stored.status, 'pending_code');
      assert.ok(!String(stored.code_hash).includes(codeIn(m.payload.text)));
      const list = await staff.client.get('/api/self-registrations');
      assert.ok(!list.body.registrations.some((x: { id: string }) => x.id === started.id), 'not seen before the code is confirmed');
    });

    it('a wrong code is refused and counted; the right one submits the registration once', async () => {
      const code = codeIn((await lastMessage()).payload.text);
      const wrong = code === '000000' ? '111111' : '000000';
      const r = await publicClient.post(`/api/self-registrations/${started.id}/verify`, { code: wrong });
      assert.equal(r.statusCode, 400);
      assert.equal(r.body.code, 'registration_code_invalid');
      assert.equal(r.body.details.attemptsLeft, 4);
      assert.equal((await t.superuser('SELECT code_attempts FROM self_registrations WHERE id = $1', [started.id])).rows[0].code_attempts, 1);
      const ok = await publicClient.post(`/api/self-registrations/${started.id}/verify`, { code });
      assert.equal(ok.statusCode, 200, JSON.stringify(ok.body));
      assert.deepEqual(ok.body, { reference: started.reference, status: 'submitted' });
      const again = await publicClient.post(`/api/self-registrations/${started.id}/verify`, { code });
      assert.equal(again.statusCode, 409);
    });

    it('an expired code cannot confirm; five wrong codes lock the registration', async () => {
      const a = (await publicClient.post('/api/self-registrations', form())).body;
      const codeA = codeIn((await lastMessage()).payload.text);
      await t.superuser(`UPDATE self_registrations SET code_expires_at = now() - interval '1 second' WHERE id = $1`, [a.id]);
      const expired = await publicClient.post(`/api/self-registrations/${a.id}/verify`, { code: codeA });
      assert.equal(expired.statusCode, 422);
      assert.equal(expired.body.code, 'registration_code_expired');

      const b = (await publicClient.post('/api/self-registrations', { ...form(), channel: 'sms' })).body;
      const m = await lastMessage();
      assert.equal(m.kind, 'sms');
      const codeB = codeIn(m.payload.text);
      const wrong = codeB === '000000' ? '111111' : '000000';
      for (let i = 0; i < 5; i++) await publicClient.post(`/api/self-registrations/${b.id}/verify`, { code: wrong });
      const locked = await publicClient.post(`/api/self-registrations/${b.id}/verify`, { code: codeB });
      assert.equal(locked.statusCode, 422);
      assert.equal(locked.body.code, 'registration_code_locked');
      assert.equal((await t.superuser('SELECT status FROM self_registrations WHERE id = $1', [b.id])).rows[0].status, 'pending_code');
    });

    it('each address may start a limited number of registrations a minute', async () => {
      const limited = await startApp(t, { SELF_REGISTRATION_RATE_LIMIT_PER_MINUTE: 2 });
      try {
        const c = new Client(limited, '198.51.100.7');
        const answers = [];
        for (let i = 0; i < 3; i++) answers.push((await c.post('/api/self-registrations', form())).statusCode);
        assert.deepEqual(answers, [201, 201, 429]);
        assert.equal((await new Client(limited, '198.51.100.8').post('/api/self-registrations', form())).statusCode, 201, 'another address is not held up');
      } finally {
        await limited.close();
      }
    });

    it('the centre lists its prefecture’s waiting registrations masked, and the list is audited', async () => {
      const r = await staff.client.get('/api/self-registrations');
      assert.equal(r.statusCode, 200);
      const refs = r.body.registrations.map((x: { reference: string }) => x.reference);
      assert.ok(refs.includes(started.reference) && refs.includes('R-DEMO-0001'), refs.join());
      const mine = r.body.registrations.find((x: { id: string }) => x.id === started.id);
      assert.equal(mine.maskedName, 'コ*** ヒ*');
      assert.equal(mine.hasPhoto, true);
      assert.ok(!JSON.stringify(r.body).includes('小林'));
      const audited = (await t.superuser("SELECT record_ids FROM audit_log WHERE action = 'self_registrations.list'")).rows;
      assert.ok(audited.some((a) => (a.record_ids as string[]).includes(started.id)));
      assert.equal((await clinicDoctor.client.get('/api/self-registrations')).statusCode, 403, 'a clinic does not review registrations');
    });

    it('opening shows the likely duplicates by the registration check, audited with the read; the photo read is audited', async () => {
      const { id } = await byRef('R-DEMO-0003');
      const r = await staff.client.get(`/api/self-registrations/${id}`);
      assert.equal(r.statusCode, 200, JSON.stringify(r.body));
      assert.equal(r.body.nameKanji, '高橋 美咲');
      assert.equal(r.body.duplicates.length, 1);
      assert.deepEqual(r.body.duplicates[0].matchedBy, ['same_kana']);
      const actions = (await t.superuser('SELECT action FROM audit_log WHERE $1 = ANY (record_ids) OR action = $2', [id, 'persons.duplicate_check'])).rows.map((a) => a.action);
      assert.ok(actions.includes('self_registrations.read') && actions.includes('persons.duplicate_check'));
      const photo = await staff.client.get(`/api/self-registrations/${started.id}/photo`);
      assert.equal(photo.statusCode, 200);
      assert.equal(photo.headers['content-type'], 'image/png');
      assert.equal(Number((await t.superuser("SELECT count(*)::int AS n FROM audit_log WHERE action = 'self_registrations.photo'")).rows[0].n), 1);
    });

    it('only the centre’s doctor accepts: one case, one submitted 発生届 filed by the doctor, the centre told; a retry does nothing twice', async () => {
      const { id, version } = await byRef('R-DEMO-0001');
      const body = { version, healthCentreId: t.world.orgIds['shinjuku-hc'], diagnosedOn: '2022-08-09' };
      const byStaff = await staff.client.post(`/api/self-registrations/${id}/accept`, body);
      assert.equal(byStaff.statusCode, 403);
      const [cases0, notifications0] = [await count('cases'), await count('notifications')];
      const outside = await doctor.client.post(`/api/self-registrations/${id}/accept`, { ...body, healthCentreId: t.world.orgIds['tokyo-followup'] });
      assert.equal(outside.statusCode, 400);
      assert.equal(outside.body.errors[0].path.join('.'), 'body.healthCentreId');
      const over = await doctor.client.post(`/api/self-registrations/${id}/accept`, body);
      assert.equal(over.statusCode, 422, 'the isolation of 2022 is over: no invitation, so no acceptance');
      assert.equal(over.body.code, 'observe_until_past');
      assert.equal(await count('cases'), cases0, 'nothing half-written');
      assert.equal(await count('notifications'), notifications0);
      const r = await doctor.client.post(`/api/self-registrations/${id}/accept`, { ...body, observeUntil: addDays(today(), 7) });
      assert.equal(r.statusCode, 200, JSON.stringify(r.body));
      assert.equal(r.body.invited, true);
      const access = (await t.superuser('SELECT channel, observe_until::text AS until FROM patient_access WHERE case_id = $1', [r.body.caseId])).rows;
      assert.deepEqual(access, [{ channel: 'email', until: addDays(today(), 7) }], 'invited to My HER-SYS at once');
      const invitation = (await t.superuser("SELECT payload FROM outbox WHERE payload->>'to' = 'ito@example.jp'")).rows;
      assert.equal(invitation.length, 1);
      for (const personal of ['伊藤', 'イトウ', '1996', '西新宿']) assert.ok(!JSON.stringify(invitation[0].payload).includes(personal), personal);
      assert.equal(await count('cases'), cases0 + 1);
      assert.equal(await count('notifications'), notifications0 + 1);
      const n = (await t.superuser('SELECT * FROM notifications WHERE id = $1', [r.body.notificationId])).rows[0];
      const dr = await actorFor(t.db, 'tokyo-fu-dr1');
      assert.equal(n.status, 'submitted');
      assert.equal(n.classification, 'patient');
      assert.equal(n.doctor_user_id, dr.userId);
      assert.equal(n.institution_id, t.world.orgIds['tokyo-followup']);
      assert.equal(n.reporter_institution_name, '東京都陽性者フォローアップセンター');
      const kase = (await t.superuser('SELECT responsible_hc_id, reporting_org_id FROM cases WHERE id = $1', [r.body.caseId])).rows[0];
      assert.equal(kase.responsible_hc_id, t.world.orgIds['shinjuku-hc']);
      const mail = await t.superuser("SELECT payload FROM outbox WHERE payload->>'to' = 'hc-shinjuku@example.jp'");
      assert.equal(mail.rows.length, 1, 'the responsible centre is told as of any 報告');
      const retry = await doctor.client.post(`/api/self-registrations/${id}/accept`, { ...body, observeUntil: addDays(today(), 7) });
      assert.equal(retry.statusCode, 409);
      assert.equal(retry.body.code, 'registration_decided');
      assert.equal(await count('cases'), cases0 + 1);
      assert.equal(await count('notifications'), notifications0 + 1);
      assert.equal(Number((await t.superuser('SELECT count(*)::int AS n FROM patient_access WHERE case_id = $1', [r.body.caseId])).rows[0].n), 1);
      const opened = await doctor.client.get(`/api/cases/${r.body.caseId}`);
      assert.equal(opened.statusCode, 200, 'the centre’s doctor sees the case it reported');
    });

    it('rejection tells the person the reason by their channel, with nothing they entered', async () => {
      const { id, version } = await byRef('R-DEMO-0002');
      const r = await staff.client.post(`/api/self-registrations/${id}/reject`, { version, reason: 'needs_doctor', note: '喫煙歴あり' });
      assert.equal(r.statusCode, 200, JSON.stringify(r.body));
      assert.equal(r.body.messaged, 'sms');
      const m = await lastMessage();
      assert.equal(m.kind, 'sms');
      assert.equal(m.payload.to, '090-0000-1002');
      assert.ok(m.payload.text.includes('R-DEMO-0002') && m.payload.text.includes('医療機関を受診'));
      for (const personal of ['渡辺', 'ワタナベ', '1988', '喫煙', '中野']) assert.ok(!m.payload.text.includes(personal), personal);
      assert.equal((await staff.client.post(`/api/self-registrations/${id}/reject`, { version: r.body.version, reason: 'other' })).statusCode, 400);
      assert.equal((await staff.client.post(`/api/self-registrations/${id}/reject`, { version: r.body.version, reason: 'unreachable' })).statusCode, 409);
    });

    it('another prefecture’s follow-up centre sees no registration, even by a raw SELECT (row-level security)', async () => {
      const pref = (await t.superuser(`INSERT INTO organizations (kind, code, name_ja, name_en, parent_id) VALUES ('prefecture', 'osaka', '大阪府', 'Osaka', $1) RETURNING id`, [t.world.orgIds.mhlw])).rows[0].id as string;
      await t.superuser('UPDATE organizations SET prefecture_id = id WHERE id = $1', [pref]);
      const centre = (await t.superuser(`INSERT INTO organizations (kind, code, name_ja, name_en, parent_id, prefecture_id) VALUES ('followup_center', 'osaka-fu', '大阪府フォローアップセンター', 'Osaka Follow-up', $1, $1) RETURNING id`, [pref])).rows[0].id;
      await t.superuser(`INSERT INTO users (org_id, login_id, display_name, roles) VALUES ($1, 'osaka-fu1', '大阪FU1', ARRAY['followup_staff','doctor'])`, [centre]);
      const osaka = await actorFor(t.db, 'osaka-fu1');
      const seen = await t.db.asActor(osaka, (tx) => rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM self_registrations`));
      assert.equal(seen[0].n, 0);
      const tokyo = await actorFor(t.db, 'tokyo-fu1');
      const tokyoSees = await t.db.asActor(tokyo, (tx) => rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM self_registrations`));
      assert.ok(tokyoSees[0].n >= 3, 'the same SELECT as Tokyo’s centre sees its prefecture’s');
    });
  });
}

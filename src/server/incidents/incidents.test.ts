// The leak-incident register (seed 004) through the API: officers of the incident's organisation or
// above work it, made from scratch or from a confirmed alert, edited with a version and a history,
// checked field by field, audited, and reported upward as an XLSX sheet in Japanese.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { actorFor } from '../../../test/harness/actors.ts';
import { ENGINES, type TestDatabase } from '../../../test/harness/engines.ts';
import { closeApp, firstLogin, openApp, type LoggedIn } from '../../../test/harness/http.ts';
import { xlsxText } from '../../../test/harness/xlsx.ts';
import { rows } from '../db/database.ts';

const base = {
  occurredAt: '2026-05-01T10:00:00+09:00',
  discoveredAt: '2026-05-10T09:00:00+09:00',
  summary: '委託先職員が業務外で患者情報を閲覧し、知人に伝えた。',
  dataKinds: '氏名、住所、検査結果',
  recordCount: 3,
  personCount: 3,
  media: ['electronic', 'sns'],
  mediaNote: null,
  notification: '本人へ電話で説明',
  notifiedOn: '2026-05-12',
  secondaryDamage: 'unknown',
  secondaryDamageNote: null,
  cause: '閲覧の確認が行われていなかった',
  prevention: '閲覧の説明の毎日の確認',
  reports: { prefecture: null, ministry: null, ppc: null },
  status: 'open',
  evidenceSeqs: [],
};

for (const engine of ENGINES) {
  describe(`leak incidents (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let officer: LoggedIn;
    let nakanoOfficer: LoggedIn;
    let prefectureOfficer: LoggedIn;
    let staff: LoggedIn;
    const q = async (text: string, params: unknown[] = []) => (await t.superuser(text, params)).rows;
    const userId = async (loginId: string) => (await q('SELECT id FROM users WHERE login_id = $1', [loginId]))[0].id as string;
    const alertOf = async (subject: string, status: string) => {
      const org = t.world.orgIds['shinjuku-hc'];
      const [row] = await q(
        `INSERT INTO review_alerts (source, subject_user_id, subject_org_id, review_org_id, day, score, status, hits)
         VALUES ('rules', $1, $2, $2, current_date - (random() * 300)::int, 9, $3, '[]') RETURNING id`,
        [await userId(subject), org, status],
      );
      return row.id as string;
    };

    before(async () => {
      ({ t, app } = await openApp(engine));
      officer = await firstLogin(t, app, 'shinjuku-hc-po');
      nakanoOfficer = await firstLogin(t, app, 'nakano-hc-po');
      prefectureOfficer = await firstLogin(t, app, 'tokyo-po');
      staff = await firstLogin(t, app, 'shinjuku-h1');
    });
    after(() => closeApp(t, app));

    let incident: { id: string; version: number };
    let confirmed: string;

    it('a confirmed alert with no incident is listed for the officer, until an incident records it', async () => {
      confirmed = await alertOf('shinjuku-h1', 'confirmed');
      const open = await alertOf('shinjuku-admin', 'open');
      let register = await officer.client.get('/api/incidents');
      assert.equal(register.statusCode, 200, JSON.stringify(register.body));
      const waiting = register.body.confirmedWithoutIncident.map((a: { id: string }) => a.id);
      assert.ok(waiting.includes(confirmed));
      assert.ok(!waiting.includes(open), 'an alert still under review is no incident');

      const made = await officer.client.post('/api/incidents', { ...base, alertIds: [confirmed] });
      assert.equal(made.statusCode, 201, JSON.stringify(made.body));
      assert.equal(made.body.orgId, t.world.orgIds['shinjuku-hc']);
      assert.deepEqual(made.body.alerts.map((a: { id: string }) => a.id), [confirmed]);
      assert.equal(made.body.alerts[0].subjectLoginId, 'shinjuku-h1');
      incident = made.body;
      register = await officer.client.get('/api/incidents');
      assert.ok(!register.body.confirmedWithoutIncident.some((a: { id: string }) => a.id === confirmed));
      assert.deepEqual(register.body.incidents.map((i: { id: string }) => i.id), [incident.id]);
    });

    it('an alert not confirmed, or already in an incident, cannot be linked (422)', async () => {
      const open = await alertOf('shinjuku-admin', 'answered');
      const r = await officer.client.post('/api/incidents', { ...base, alertIds: [open] });
      assert.equal(r.statusCode, 422);
      assert.equal(r.body.code, 'incident_alert_not_confirmed');
      const again = await officer.client.post('/api/incidents', { ...base, alertIds: [confirmed] });
      assert.equal(again.statusCode, 422);
    });

    it('the fields are checked by the rules of the report, with their paths (400)', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ status: 'reported' }, 'status'],
        [{ secondaryDamage: 'known' }, 'secondaryDamageNote'],
        [{ media: ['other'] }, 'mediaNote'],
        [{ discoveredAt: '2026-04-01T00:00:00+09:00' }, 'discoveredAt'],
        [{ reports: { prefecture: '2999-01-01', ministry: null, ppc: null } }, 'reports.prefecture'],
        [{ media: ['fax'] }, 'media.0'],
        [{ recordCount: -1 }, 'recordCount'],
      ];
      for (const [change, path] of cases) {
        const r = await officer.client.post('/api/incidents', { ...base, ...change });
        assert.equal(r.statusCode, 400, `${JSON.stringify(change)}: ${JSON.stringify(r.body)}`);
        assert.ok(r.body.errors.some((e: { path: string[] }) => e.path.slice(1).join('.') === path), `${path}: ${JSON.stringify(r.body.errors)}`);
      }
    });

    it('evidence must be audit rows of the officer’s tree', async () => {
      const [mine] = await q("SELECT seq FROM audit_log WHERE actor_org_id = $1 AND action = 'auth.login' ORDER BY seq LIMIT 1", [t.world.orgIds['shinjuku-hc']]);
      const [other] = await q("SELECT seq FROM audit_log WHERE actor_org_id = $1 AND action = 'auth.login' ORDER BY seq LIMIT 1", [t.world.orgIds['nakano-hc']]);
      const bad = await officer.client.patch(`/api/incidents/${incident.id}`, { evidenceSeqs: [Number(mine.seq), Number(other.seq)], version: incident.version });
      assert.equal(bad.statusCode, 400);
      assert.deepEqual(bad.body.errors[0].path, ['body', 'evidenceSeqs', 1]);
      const good = await officer.client.patch(`/api/incidents/${incident.id}`, { evidenceSeqs: [Number(mine.seq)], version: incident.version });
      assert.equal(good.statusCode, 200, JSON.stringify(good.body));
      assert.deepEqual(good.body.evidenceSeqs, [Number(mine.seq)]);
      incident = good.body;
    });

    it('an edit needs the version read (409 otherwise) and leaves who, when and which fields in the history', async () => {
      const stale = await officer.client.patch(`/api/incidents/${incident.id}`, { summary: 'x', version: incident.version - 1 });
      assert.equal(stale.statusCode, 409);
      const r = await prefectureOfficer.client.patch(`/api/incidents/${incident.id}`, {
        status: 'reported',
        reports: { prefecture: '2026-05-15', ministry: '2026-05-16', ppc: null },
        version: incident.version,
      });
      assert.equal(r.statusCode, 200, JSON.stringify(r.body));
      assert.equal(r.body.status, 'reported');
      const detail = await officer.client.get(`/api/incidents/${incident.id}`);
      assert.deepEqual(
        detail.body.history.map((h: { version: number; fields: string[] }) => [h.version, h.fields]),
        [[1, ['created']], [2, ['evidenceSeqs']], [3, ['reportedMinistryOn', 'reportedPrefectureOn', 'status']]],
      );
      assert.equal(detail.body.history[2].changedBy, await userId('tokyo-po'));
      incident = r.body;
      const audited = await q("SELECT action, record_ids FROM audit_log WHERE record_type = 'leak_incident' AND action IN ('incidents.create','incidents.update') ORDER BY seq");
      assert.deepEqual(audited.map((a) => a.action), ['incidents.create', 'incidents.update', 'incidents.update']);
      assert.deepEqual(audited[0].record_ids, [incident.id, confirmed]);
    });

    it('only officers of the incident’s organisation or above see it; other roles are refused', async () => {
      assert.equal((await nakanoOfficer.client.get(`/api/incidents/${incident.id}`)).statusCode, 404);
      assert.deepEqual((await nakanoOfficer.client.get('/api/incidents')).body.incidents, []);
      assert.equal((await nakanoOfficer.client.patch(`/api/incidents/${incident.id}`, { summary: 'x', version: incident.version })).statusCode, 404);
      assert.equal((await staff.client.get('/api/incidents')).statusCode, 403);
      assert.equal((await staff.client.post('/api/incidents', base)).statusCode, 403);
      // A centre's officer cannot file an incident for another centre.
      const elsewhere = await officer.client.post('/api/incidents', { ...base, orgId: t.world.orgIds['nakano-hc'] });
      assert.equal(elsewhere.statusCode, 403);
      assert.equal(elsewhere.body.code, 'incident_org_outside');
    });

    it('row-level security keeps another tree’s officer from incidents even by direct SQL', async () => {
      const count = (loginId: string) =>
        actorFor(t.db, loginId).then((actor) => t.db.asActor(actor, (tx) => rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM leak_incidents`)));
      assert.equal((await count('nakano-hc-po'))[0].n, 0);
      assert.equal((await count('tokyo-po'))[0].n, 1);
      assert.equal((await count('shinjuku-h1'))[0].n, 0, 'staff of the same centre are no officers');
    });

    it('the report upward is an XLSX sheet in Japanese generated from the record, and its download is audited', async () => {
      const r = await app.inject({ method: 'GET', url: `/api/incidents/${incident.id}/report.xlsx`, cookies: Object.fromEntries(officer.client.cookies) });
      assert.equal(r.statusCode, 200);
      assert.equal(r.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      assert.match(String(r.headers['content-disposition']), /^attachment/);
      const text = xlsxText(r.rawPayload);
      for (const s of ['事案の概要（経過）', base.summary, '再発防止策', base.prevention, '電子データ、SNS', '都道府県：2026年5月15日', '個人情報保護委員会：未報告', '不明（可能性あり）']) {
        assert.ok(text.includes(s), s);
      }
      assert.equal((await q("SELECT count(*)::int AS n FROM audit_log WHERE action = 'incidents.document'"))[0].n, 1);
    });
  });
}

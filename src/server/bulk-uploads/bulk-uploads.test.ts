// Bulk upload through the API on both engines: the template, refusals of bad files (4xx, never a
// 500), every row checked with the form's checks and errors at their cells, likely duplicates, the
// same file twice, fixing a row, registering (each row alone, idempotent, nothing half-written),
// and the organisation's scope enforced by the database.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { crc32, deflateRawSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { stringify } from 'csv-stringify/sync';
import { actorFor } from '../../../test/harness/actors.ts';
import { ENGINES, type TestDatabase } from '../../../test/harness/engines.ts';
import { closeApp, firstLogin, openApp, type LoggedIn } from '../../../test/harness/http.ts';
import { headingOf } from '../../domain/bulk-upload/columns.ts';
import { japanToday } from '../../domain/calendar.ts';
import { rows } from '../db/database.ts';
import { expireOldBulkUploads } from '../jobs/old-bulk-uploads.ts';
import { SAMPLE_DUPLICATE, SAMPLE_ERRORS, SAMPLE_ROWS, sampleCsv, sampleRows } from './sample.ts';
import { templateColumns } from './rows.ts';

const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64');
/** A CSV in the template's Japanese headings. */
function csv(list: Record<string, string>[]): Buffer {
  const { columns } = templateColumns('covid19', '2022-10-20');
  return Buffer.from('\uFEFF' + stringify([columns.map((c) => headingOf(c, 'ja')), ...list.map((r) => columns.map((c) => r[c.key] ?? ''))]));
}

/** A zip of deflated entries; `declared` overrides the uncompressed size written in its headers (a lying entry). */
function zipOf(entries: { name: string; data: Buffer; declared?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const packed = deflateRawSync(e.data, { level: 9 });
    const size = e.declared ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(e.data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(e.data), 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += 30 + name.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

it('docs/bulk-upload-sample.csv is the sample the screen serves (regenerate it with sampleCsv() when the form changes)', () => {
  assert.ok(readFileSync(new URL('../../../docs/bulk-upload-sample.csv', import.meta.url)).equals(sampleCsv()));
});

for (const engine of ENGINES) {
  describe(`bulk upload (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let doctor: LoggedIn;
    let clerk: LoggedIn;
    let midori: LoggedIn;
    let shinjuku: LoggedIn;
    let uploadId: string;
    const count = async (q: string, params: unknown[] = []) => Number((await t.superuser(q, params)).rows[0].n);

    /** Checks the upload in chunks, as the screen polls. */
    async function checkAll(who: LoggedIn, id: string) {
      let progress;
      let calls = 0;
      do {
        const r = await who.client.post(`/api/bulk-uploads/${id}/check`, {});
        assert.equal(r.statusCode, 200, JSON.stringify(r.body));
        progress = r.body;
        calls++;
      } while (!progress.done && calls < 50);
      return { progress, calls };
    }

    before(async () => {
      ({ t, app } = await openApp(engine, { PUBLIC_URL: 'https://hersys.example.jp' }));
      doctor = await firstLogin(t, app, 'sakura-dr1');
      clerk = await firstLogin(t, app, 'sakura-clerk1');
      midori = await firstLogin(t, app, 'midori-dr1');
      shinjuku = await firstLogin(t, app, 'shinjuku-h1');
    });
    after(() => closeApp(t, app));

    it('the template: a CSV with a BOM and the headings, an XLSX with a sheet of value lists and drop-downs', async () => {
      const c = await clerk.client.get('/api/bulk-uploads/template?disease=covid19&format=csv&lang=ja');
      assert.equal(c.statusCode, 200);
      assert.ok(c.raw.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), 'UTF-8 with BOM so that Excel reads Japanese');
      const heading = c.raw.toString('utf8').slice(1).split('\r\n')[0];
      assert.match(heading, /^氏名\*,フリガナ\*,性別\*,生年月日\*/);
      assert.match(heading, /発生届の対象（4類型）：妊婦\*/);
      const x = await clerk.client.get('/api/bulk-uploads/template?disease=covid19&format=xlsx&lang=en');
      assert.equal(x.statusCode, 200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(x.raw as unknown as ArrayBuffer);
      assert.deepEqual(wb.worksheets.map((s) => s.name), ['Notifications', 'Value lists']);
      assert.equal(wb.worksheets[0].getCell('A1').value, 'Name*');
      const sexColumn = wb.worksheets[0].getRow(1).values as string[];
      const at = sexColumn.indexOf('Sex*');
      assert.equal(wb.worksheets[0].getCell(2, at).dataValidation?.type, 'list');
      // The template itself, uploaded empty, is a clear 400.
      const empty = await clerk.client.post('/api/bulk-uploads', { disease: 'covid19', fileName: 'template.xlsx', contentBase64: b64(x.raw) });
      assert.equal(empty.statusCode, 400);
      assert.equal(empty.body.code, 'bulk_upload_empty');
    });

    it('the XLSX template filled in as Excel keeps it (a date cell, a serial day) is read as the dates they are', async () => {
      const x = await clerk.client.get('/api/bulk-uploads/template?disease=covid19&format=xlsx&lang=ja');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(x.raw as unknown as ArrayBuffer);
      const sheet = wb.worksheets[0];
      const headings = (sheet.getRow(1).values as string[]).slice(1);
      const { columns } = templateColumns('covid19', '2022-10-20');
      const row = { ...sampleRows()[0], nameKana: 'エクセル タロウ', phone: '080-0000-7777' } as Record<string, unknown>;
      const birth = String(row.birthDate).replaceAll('/', '-');
      const diagnosed = String(row.diagnosedOn);
      row.birthDate = new Date(`${birth}T00:00:00Z`); // a real date cell, as Excel keeps one
      row.diagnosedOn = (Date.parse(diagnosed) - Date.UTC(1899, 11, 30)) / 86_400_000; // a serial day, as a cell formatted as a number holds it
      columns.forEach((c, i) => {
        assert.equal(headings[i].replace(/\*$/, ''), c.label.ja);
        if (row[c.key] !== undefined) sheet.getCell(2, i + 1).value = row[c.key] as ExcelJS.CellValue;
      });
      const filled = Buffer.from(await wb.xlsx.writeBuffer());
      const up = await clerk.client.post('/api/bulk-uploads', { disease: 'covid19', fileName: 'filled.xlsx', contentBase64: b64(filled) });
      try {
        assert.equal(up.statusCode, 201, JSON.stringify(up.body));
        assert.equal(up.body.fileFormat, 'xlsx');
        assert.equal(up.body.counts.total, 1, 'the drop-downs of empty rows are not rows');
        await checkAll(clerk, up.body.id);
        const [r] = (await clerk.client.get(`/api/bulk-uploads/${up.body.id}`)).body.rows;
        assert.equal(r.status, 'ready', JSON.stringify(r.problems));
        assert.equal(r.cells.birthDate, birth);
        assert.equal(r.cells.diagnosedOn, diagnosed, 'a serial day is kept as the date it is');
      } finally {
        // The tests below count uploads from none.
        await t.superuser('DELETE FROM bulk_uploads WHERE id = $1', [up.body.id]);
      }
    });

    it('a CSV saved by Japanese Excel (Shift_JIS, no BOM) is read as well', async () => {
      const sjis = readFileSync(new URL('./fixtures/shift-jis.csv', import.meta.url));
      assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(sjis), 'the fixture is not UTF-8');
      const up = await clerk.client.post('/api/bulk-uploads', { disease: 'covid19', fileName: 'excel.csv', contentBase64: b64(sjis) });
      try {
        assert.equal(up.statusCode, 201, JSON.stringify(up.body));
        await checkAll(clerk, up.body.id);
        const rowsRead = (await clerk.client.get(`/api/bulk-uploads/${up.body.id}`)).body.rows;
        assert.deepEqual(rowsRead.map((r: { cells: { nameKanji: string } }) => r.cells.nameKanji), sampleRows().slice(0, 2).map((r) => r.nameKanji));
        assert.deepEqual(rowsRead.map((r: { status: string }) => r.status), ['ready', 'ready']);
      } finally {
        await t.superuser('DELETE FROM bulk_uploads WHERE id = $1', [up.body.id]);
      }
    });

    it('bad files are 400s with a message in both languages: not a CSV or XLSX, wrong headings, too many rows, a broken XLSX', async () => {
      const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
      const notCsv = await clerk.client.post('/api/bulk-uploads', { disease: 'covid19', fileName: 'photo.png', contentBase64: b64(png) });
      assert.equal(notCsv.statusCode, 400);
      assert.equal(notCsv.body.code, 'bulk_upload_unreadable');
      assert.ok(notCsv.body.message.ja && notCsv.body.message.en, JSON.stringify(notCsv.body));
      const broken = await clerk.client.post('/api/bulk-uploads', { disease: 'covid19', fileName: 'x.xlsx', contentBase64: b64(Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(100, 7)])) });
      assert.equal(broken.statusCode, 400);
      assert.equal(broken.body.code, 'bulk_upload_unreadable');
      const wrong = await clerk.client.post('/api/bulk-uploads', { disease: 'covid19', fileName: 'w.csv', contentBase64: b64('氏名,好きな色\n山田,青\n') });
      assert.equal(wrong.statusCode, 400);
      assert.equal(wrong.body.code, 'bulk_upload_wrong_headers');
      assert.deepEqual(wrong.body.details.unknown, ['好きな色']);
      assert.ok(wrong.body.details.missing.some((m: { key: string }) => m.key === 'nameKana'));
      const many = csv(Array.from({ length: 5001 }, () => sampleRows()[0]));
      const tooMany = await clerk.client.post('/api/bulk-uploads', { disease: 'covid19', fileName: 'many.csv', contentBase64: b64(many) });
      assert.equal(tooMany.statusCode, 400);
      assert.equal(tooMany.body.code, 'bulk_upload_too_many_rows');
      const notBase64 = await clerk.client.post('/api/bulk-uploads', { disease: 'covid19', fileName: 'a.csv', contentBase64: '***' });
      assert.equal(notBase64.statusCode, 400);
      assert.equal(await count('SELECT count(*) AS n FROM bulk_uploads'), 0, 'nothing kept of a refused file');
    });

    it('an XLSX that would expand beyond 50 MB (a zip bomb) is a 400 before exceljs reads it, whether its sizes are declared or lie; nothing kept', async () => {
      const types = { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>') };
      const zeros = Buffer.alloc(60 * 1024 * 1024, '0');
      const honest = zipOf([types, { name: 'xl/worksheets/sheet1.xml', data: zeros }]);
      assert.ok(honest.length < 1024 * 1024, `a small file (${honest.length} bytes)`);
      const lying = zipOf([types, { name: 'xl/worksheets/sheet1.xml', data: zeros, declared: 2000 }]);
      const many = zipOf(Array.from({ length: 1001 }, (_, i) => ({ name: `x/${i}.xml`, data: Buffer.from('<a/>') })));
      for (const [fileName, bytes] of [['bomb.xlsx', honest], ['liar.xlsx', lying], ['many.xlsx', many]] as const) {
        const r = await clerk.client.post('/api/bulk-uploads', { disease: 'covid19', fileName, contentBase64: b64(bytes) });
        assert.equal(r.statusCode, 400, `${fileName}: ${JSON.stringify(r.body)}`);
        assert.equal(r.body.code, 'bulk_upload_expands_too_much', fileName);
        assert.match(r.body.message.ja, /50 MB/);
        assert.match(r.body.message.en, /50 MB/);
        assert.equal(r.body.details.maxExpandedBytes, 50 * 1024 * 1024);
      }
      // Within the limits, the guard lets a real workbook through (the template, read as before).
      const x = await clerk.client.get('/api/bulk-uploads/template?disease=covid19&format=xlsx&lang=ja');
      const small = zipOf([types, { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(1024 * 1024, '0') }]);
      const notAWorkbook = await clerk.client.post('/api/bulk-uploads', { disease: 'covid19', fileName: 'small.xlsx', contentBase64: b64(small) });
      assert.equal(notAWorkbook.statusCode, 400);
      assert.equal(notAWorkbook.body.code, 'bulk_upload_unreadable', 'passed the guard, refused by exceljs as before');
      const template = await clerk.client.post('/api/bulk-uploads', { disease: 'covid19', fileName: 'template.xlsx', contentBase64: b64(x.raw) });
      assert.equal(template.body.code, 'bulk_upload_empty', 'the template passes the guard');
      assert.equal(await count('SELECT count(*) AS n FROM bulk_uploads'), 0, 'nothing kept of a refused file');
      assert.equal(await count('SELECT count(*) AS n FROM bulk_upload_rows'), 0);
    });

    it('the sample (200 rows) is checked in chunks: errors at the right cell, the demo person flagged as a likely duplicate', async () => {
      const r = await doctor.client.post('/api/bulk-uploads', { disease: 'covid19', fileName: 'sample.csv', contentBase64: b64(sampleCsv()) });
      assert.equal(r.statusCode, 201, JSON.stringify(r.body));
      assert.equal(r.body.existing, false);
      assert.equal(r.body.counts.total, SAMPLE_ROWS);
      assert.equal(r.body.counts.checked, 0);
      uploadId = r.body.id;
      const { progress, calls } = await checkAll(doctor, uploadId);
      assert.ok(calls >= 1);
      assert.equal(progress.counts.checked, SAMPLE_ROWS);
      assert.equal(progress.counts.error, Object.keys(SAMPLE_ERRORS).length);
      assert.equal(progress.counts.duplicate, 1);

      const detail = await doctor.client.get(`/api/bulk-uploads/${uploadId}`);
      assert.equal(detail.statusCode, 200);
      for (const [n, column] of Object.entries(SAMPLE_ERRORS)) {
        const row = detail.body.rows.find((x: { rowNo: number }) => x.rowNo === Number(n) + 1);
        assert.equal(row.status, 'error', `row ${row.rowNo}`);
        const at = row.problems.filter((p: { column: string; severity: string }) => p.severity === 'error').map((p: { column: string }) => p.column);
        assert.ok(at.includes(column), `row ${row.rowNo}: ${JSON.stringify(row.problems)}`);
        for (const p of row.problems) assert.ok(p.message.ja && p.message.en);
      }
      const dup = detail.body.rows.find((x: { rowNo: number }) => x.rowNo === SAMPLE_DUPLICATE + 1);
      assert.equal(dup.status, 'duplicate');
      assert.equal(dup.duplicates[0].maskedName.startsWith('ヤ'), true);
      assert.ok(dup.duplicates[0].matchedBy.includes('same_kana'));
      // Opening the upload is audited, as the duplicate search is.
      assert.ok((await count(`SELECT count(*) AS n FROM audit_log WHERE action = 'bulk_uploads.read' AND $1 = ANY(record_ids)`, [uploadId])) >= 1);
      assert.ok((await count(`SELECT count(*) AS n FROM audit_log WHERE action = 'persons.duplicate_check'`)) >= SAMPLE_ROWS - 10);
    });

    it('the same file again, by anyone of the organisation, answers the upload it made and makes nothing new', async () => {
      const rowsBefore = await count('SELECT count(*) AS n FROM bulk_upload_rows');
      const again = await clerk.client.post('/api/bulk-uploads', { disease: 'covid19', fileName: 'sample-copy.csv', contentBase64: b64(sampleCsv()) });
      assert.equal(again.statusCode, 200);
      assert.equal(again.body.existing, true);
      assert.equal(again.body.id, uploadId);
      assert.equal(await count('SELECT count(*) AS n FROM bulk_uploads'), 1);
      assert.equal(await count('SELECT count(*) AS n FROM bulk_upload_rows'), rowsBefore);
    });

    it('another clinic sees nothing of it: 404 through the API, no row under its actor in raw SQL', async () => {
      assert.equal((await midori.client.get(`/api/bulk-uploads/${uploadId}`)).statusCode, 404);
      assert.deepEqual((await midori.client.get('/api/bulk-uploads')).body.uploads, []);
      assert.equal((await midori.client.patch(`/api/bulk-uploads/${uploadId}/rows/8`, { version: 1, cells: { sex: '女' } })).statusCode, 404);
      const seen = async (loginId: string) => {
        const actor = await actorFor(t.db, loginId);
        return t.db.asActor(actor, async (tx) => ({
          uploads: (await rows(tx, sql`SELECT * FROM bulk_uploads`)).length,
          rows: (await rows(tx, sql`SELECT * FROM bulk_upload_rows`)).length,
        }));
      };
      assert.deepEqual(await seen('midori-dr1'), { uploads: 0, rows: 0 });
      assert.deepEqual(await seen('shinjuku-h1'), { uploads: 0, rows: 0 }, 'not even the responsible centre');
      assert.deepEqual(await seen('sakura-clerk1'), { uploads: 1, rows: SAMPLE_ROWS });
      // Nor can it write a row into the clinic's upload.
      const actor = await actorFor(t.db, 'midori-dr1');
      await assert.rejects(
        t.db.asActor(actor, (tx) => tx.execute(sql`INSERT INTO bulk_upload_rows (upload_id, org_id, row_no, cells) VALUES (${uploadId}, ${actor.orgId}, 9999, '{}')`)),
      );
    });

    it('a row fixed in the browser is checked again; a stale version is a 409', async () => {
      const row = async (n: number) => (await doctor.client.get(`/api/bulk-uploads/${uploadId}`)).body.rows.find((r: { rowNo: number }) => r.rowNo === n);
      const eight = await row(8); // data row 7: 1985/02/30
      const fixed = await doctor.client.patch(`/api/bulk-uploads/${uploadId}/rows/8`, { version: eight.version, cells: { birthDate: '1985/02/28' } });
      assert.equal(fixed.statusCode, 200, JSON.stringify(fixed.body));
      assert.equal(fixed.body.status, 'ready');
      assert.equal(fixed.body.cells.birthDate, '1985/02/28');
      const stale = await doctor.client.patch(`/api/bulk-uploads/${uploadId}/rows/8`, { version: eight.version, cells: { birthDate: '1985/02/27' } });
      assert.equal(stale.statusCode, 409);
      const unknown = await doctor.client.patch(`/api/bulk-uploads/${uploadId}/rows/8`, { version: fixed.body.version, cells: { favourite: 'x' } });
      assert.equal(unknown.statusCode, 400);
      // Still wrong after a change: the error stays at the cell.
      const sex = await row(24);
      const still = await doctor.client.patch(`/api/bulk-uploads/${uploadId}/rows/24`, { version: sex.version, cells: { sex: 'その他' } });
      assert.equal(still.body.status, 'error');
      assert.ok(still.body.problems.some((p: { column: string }) => p.column === 'sex'));
      // The duplicate: registered as a new person after all.
      const dup = await row(SAMPLE_DUPLICATE + 1);
      const decided = await doctor.client.patch(`/api/bulk-uploads/${uploadId}/rows/${SAMPLE_DUPLICATE + 1}`, { version: dup.version, duplicateDecision: 'new_person' });
      assert.equal(decided.body.status, 'ready');
    });

    it('the doctor registers and submits the rows without errors, each once: a retry registers nothing twice; rows with errors stay', async () => {
      const casesBefore = await count('SELECT count(*) AS n FROM cases');
      let total = 0;
      let result;
      do {
        result = await doctor.client.post(`/api/bulk-uploads/${uploadId}/register`, { acknowledgeWarnings: true, limit: 100 });
        assert.equal(result.statusCode, 200, JSON.stringify(result.body));
        total += result.body.registered.length;
      } while (result.body.remaining > 0);
      const expected = SAMPLE_ROWS - Object.keys(SAMPLE_ERRORS).length + 1; // row 7 fixed
      assert.equal(total, expected);
      assert.deepEqual(result.body.failed, []);
      assert.equal(result.body.counts.registered, expected);
      assert.equal(result.body.counts.error, Object.keys(SAMPLE_ERRORS).length - 1);
      assert.equal(await count('SELECT count(*) AS n FROM cases'), casesBefore + expected);
      assert.equal(
        await count(`SELECT count(*) AS n FROM notifications n JOIN bulk_upload_rows r ON r.notification_id = n.id WHERE n.status = 'submitted' AND n.source = 'direct'`),
        expected,
        'every registered row is submitted by the doctor',
      );
      const again = await doctor.client.post(`/api/bulk-uploads/${uploadId}/register`, { acknowledgeWarnings: true });
      assert.deepEqual(again.body.registered, []);
      assert.equal(await count('SELECT count(*) AS n FROM cases'), casesBefore + expected);
      // A registered row shows its case and HER-SYS ID, and keeps no personal data but the masked name.
      const detail = await doctor.client.get(`/api/bulk-uploads/${uploadId}`);
      const done = detail.body.rows.find((r: { rowNo: number }) => r.rowNo === 2);
      assert.equal(done.status, 'registered');
      assert.match(done.caseNumber, /^\d{8}$/);
      assert.deepEqual(done.cells, {});
      assert.ok(done.maskedName);
      const locked = await doctor.client.patch(`/api/bulk-uploads/${uploadId}/rows/2`, { version: done.version, cells: { sex: '女' } });
      assert.equal(locked.statusCode, 409);
    });

    it('to submit, the doctor acknowledges the warnings: until then a row with a warning waits, registered nothing', async () => {
      const warned = { ...sampleRows()[5], nameKanji: '警告 三郎', nameKana: 'ケイコク サブロウ', birthDate: '1990/01/01', phone: '080-0000-9003', 'answers.four_groups.aged_65_or_over': 'はい' };
      const up = await doctor.client.post('/api/bulk-uploads', { disease: 'covid19', fileName: 'warned.csv', contentBase64: b64(csv([warned])) });
      await checkAll(doctor, up.body.id);
      const [row] = (await doctor.client.get(`/api/bulk-uploads/${up.body.id}`)).body.rows;
      assert.equal(row.status, 'ready');
      assert.ok(row.problems.some((p: { ruleId: string; severity: string }) => p.ruleId === 'LC-FOUR-GROUPS-AGE' && p.severity === 'warning'));
      const waiting = await doctor.client.post(`/api/bulk-uploads/${up.body.id}/register`, {});
      assert.deepEqual(waiting.body.registered, []);
      assert.equal(waiting.body.counts.ready, 1);
      assert.equal(await count(`SELECT count(*) AS n FROM persons WHERE name_kana = 'ケイコク サブロウ'`), 0);
      const acknowledged = await doctor.client.post(`/api/bulk-uploads/${up.body.id}/register`, { acknowledgeWarnings: true });
      assert.equal(acknowledged.body.registered.length, 1);
      const n = await t.superuser(`SELECT n.status, n.acknowledged_warnings FROM notifications n JOIN bulk_upload_rows r ON r.notification_id = n.id WHERE r.upload_id = $1`, [up.body.id]);
      assert.equal(n.rows[0].status, 'submitted');
      assert.deepEqual(n.rows[0].acknowledged_warnings, ['LC-FOUR-GROUPS-AGE']);
    });

    it('a file of another disease today: its template, its columns, registered and submitted as that disease', async () => {
      const template = await doctor.client.get('/api/bulk-uploads/template?disease=measles&format=csv&lang=ja');
      assert.equal(template.statusCode, 200);
      assert.match(String(template.headers['content-disposition']), /hersys-bulk-upload-measles-2018-01-01-ja\.csv/);
      const headings = template.raw.toString('utf8').slice(1).split('\r\n')[0]!.split(',');
      assert.ok(headings.includes('病型'), 'measles’ own item');
      assert.ok(!headings.some((h) => h.startsWith('発生届の対象（4類型）')), 'none of COVID-19’s');
      const { columns } = templateColumns('measles');
      const today = japanToday(new Date());
      const row: Record<string, string> = {
        nameKanji: '麻疹 一郎', nameKana: 'マシン イチロウ', sex: '男', birthDate: '2021-04-01', residenceAddress: '東京都新宿区西新宿二丁目8番1号', phone: '080-0000-9010',
        classification: '患者（確定例）', diagnosedOn: today, specimenCollectedOn: today, testMethod: 'naat', testSpecimen: 'throat_swab', testResult: '陽性',
        'answers.disease_type': 'measles_lab',
      };
      const file = Buffer.from('\uFEFF' + stringify([columns.map((c) => headingOf(c, 'ja')), columns.map((c) => row[c.key] ?? '')]));
      const asCovid = await doctor.client.post('/api/bulk-uploads', { disease: 'covid19', fileName: 'measles.csv', contentBase64: b64(file) });
      assert.equal(asCovid.statusCode, 400, 'measles’ columns are not COVID-19’s');
      assert.equal(asCovid.body.code, 'bulk_upload_wrong_headers');
      const unknown = await doctor.client.post('/api/bulk-uploads', { disease: 'plague', fileName: 'measles.csv', contentBase64: b64(file) });
      assert.equal(unknown.statusCode, 400);
      assert.deepEqual(unknown.body.errors.map((f: { path: string[] }) => f.path), [['body', 'disease']]);
      assert.deepEqual((await doctor.client.get('/api/bulk-uploads/template?disease=plague')).body.errors.map((f: { path: string[] }) => f.path), [['querystring', 'disease']]);

      const up = await doctor.client.post('/api/bulk-uploads', { disease: 'measles', fileName: 'measles.csv', contentBase64: b64(file) });
      assert.equal(up.statusCode, 201, JSON.stringify(up.body));
      assert.equal(up.body.disease, 'measles');
      await checkAll(doctor, up.body.id);
      const detail = (await doctor.client.get(`/api/bulk-uploads/${up.body.id}`)).body;
      assert.ok(detail.columns.some((c: { key: string }) => c.key === 'answers.disease_type'));
      assert.equal(detail.rows[0].status, 'ready', JSON.stringify(detail.rows[0].problems));
      // A measles specimen it does not take, fixed in the browser, is refused at its cell.
      const wrong = await doctor.client.patch(`/api/bulk-uploads/${up.body.id}/rows/2`, { version: detail.rows[0].version, cells: { testSpecimen: 'nasopharyngeal_swab' } });
      assert.equal(wrong.statusCode, 200);
      assert.ok(wrong.body.problems.some((p: { column: string; severity: string }) => p.column === 'testSpecimen' && p.severity === 'error'));
      await doctor.client.patch(`/api/bulk-uploads/${up.body.id}/rows/2`, { version: wrong.body.version, cells: { testSpecimen: 'throat_swab' } });
      const done = await doctor.client.post(`/api/bulk-uploads/${up.body.id}/register`, { acknowledgeWarnings: true });
      assert.equal(done.body.registered.length, 1, JSON.stringify(done.body));
      const made = await t.superuser(
        `SELECT c.disease, n.form_id, n.status FROM bulk_upload_rows r JOIN cases c ON c.id = r.case_id JOIN notifications n ON n.id = r.notification_id WHERE r.upload_id = $1`,
        [up.body.id],
      );
      assert.deepEqual(made.rows, [{ disease: 'measles', form_id: 'measles', status: 'submitted' }]);
    });

    it('a likely duplicate decided as the person found becomes a new case of that person, whose empty fields the row fills in', async () => {
      const yamada = sampleRows()[SAMPLE_DUPLICATE - 1];
      const up = await doctor.client.post('/api/bulk-uploads', { disease: 'covid19', fileName: 'again.csv', contentBase64: b64(csv([{ ...yamada, phone: '080-0000-9004' }])) });
      await checkAll(doctor, up.body.id);
      const [row] = (await doctor.client.get(`/api/bulk-uploads/${up.body.id}`)).body.rows;
      assert.equal(row.status, 'duplicate');
      const personId = row.duplicates.find((d: { matchedBy: string[] }) => d.matchedBy.includes('same_kana')).personId;
      const wrong = await doctor.client.patch(`/api/bulk-uploads/${up.body.id}/rows/2`, { version: row.version, duplicateDecision: 'person:00000000-0000-4000-8000-000000000000' });
      assert.equal(wrong.body.status, 'duplicate', 'a person who is not among the candidates is no decision');
      const decided = await doctor.client.patch(`/api/bulk-uploads/${up.body.id}/rows/2`, { version: wrong.body.version, duplicateDecision: `person:${personId}` });
      assert.equal(decided.body.status, 'ready');
      const casesBefore = await count('SELECT count(*) AS n FROM cases WHERE person_id = $1', [personId]);
      const r = await doctor.client.post(`/api/bulk-uploads/${up.body.id}/register`, {});
      assert.equal(r.body.registered.length, 1, JSON.stringify(r.body));
      assert.equal(await count('SELECT count(*) AS n FROM cases WHERE person_id = $1', [personId]), casesBefore + 1);
      const made = await t.superuser('SELECT person_id FROM cases WHERE id = $1', [r.body.registered[0].caseId]);
      assert.equal(made.rows[0].person_id, personId);
      // The demo person had no 所在地 (needed to submit, Q&A 5): the row's fills it in; the phone the person had stays.
      const person = await t.superuser('SELECT residence_address, phone FROM persons WHERE id = $1', [personId]);
      assert.equal(person.rows[0].residence_address, yamada.residenceAddress);
      assert.notEqual(person.rows[0].phone, '080-0000-9004');
      assert.ok((await count(`SELECT count(*) AS n FROM audit_log WHERE action = 'persons.update' AND $1 = ANY(record_ids)`, [personId])) >= 1);
    });

    it('a row that fails while registering leaves nothing of itself; the others are registered', async () => {
      const base = sampleRows()[1];
      const ok = { ...base, nameKanji: '成功 一郎', nameKana: 'セイコウ イチロウ', phone: '080-0000-9001' };
      const bad = { ...base, nameKanji: '失敗 二郎', nameKana: 'シッパイ ジロウ', phone: '080-0000-9002' };
      // The draft of one row is refused by the database, after its person and case were written.
      await t.superuser(`CREATE FUNCTION test_refuse_draft() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF EXISTS (SELECT 1 FROM cases c JOIN persons p ON p.id = c.person_id WHERE c.id = NEW.case_id AND p.name_kana = 'シッパイ ジロウ') THEN
            RAISE EXCEPTION 'refused for the test';
          END IF;
          RETURN NEW;
        END $$`);
      await t.superuser('CREATE TRIGGER test_refuse_draft BEFORE INSERT ON notifications FOR EACH ROW EXECUTE FUNCTION test_refuse_draft()');
      try {
        const up = await clerk.client.post('/api/bulk-uploads', { disease: 'covid19', fileName: 'two.csv', contentBase64: b64(csv([bad, ok])) });
        assert.equal(up.statusCode, 201, JSON.stringify(up.body));
        await checkAll(clerk, up.body.id);
        const r = await clerk.client.post(`/api/bulk-uploads/${up.body.id}/register`, {});
        assert.equal(r.statusCode, 200, JSON.stringify(r.body));
        assert.deepEqual(r.body.registered.map((x: { rowNo: number }) => x.rowNo), [3]);
        assert.equal(r.body.registered[0].submitted, false, 'a clerk drafts; the doctor submits (Q&A 17)');
        assert.deepEqual(r.body.failed.map((x: { rowNo: number }) => x.rowNo), [2]);
        assert.equal(r.body.failed[0].problems[0].code, 'bulk_upload_row_failed');
        assert.equal(await count(`SELECT count(*) AS n FROM persons WHERE name_kana = 'シッパイ ジロウ'`), 0, 'no person of the failed row');
        assert.equal(await count(`SELECT count(*) AS n FROM persons WHERE name_kana = 'セイコウ イチロウ'`), 1);
        const status = await t.superuser('SELECT status, case_id FROM bulk_upload_rows WHERE upload_id = $1 AND row_no = 2', [up.body.id]);
        assert.deepEqual(status.rows[0], { status: 'error', case_id: null });
      } finally {
        await t.superuser('DROP TRIGGER test_refuse_draft ON notifications');
        await t.superuser('DROP FUNCTION test_refuse_draft()');
      }
    });

    it('a health centre keying in faxes names the institution of its area, and each row its doctor', async () => {
      const rowsOk = [{ ...sampleRows()[3], nameKana: 'ファクス イチ', birthDate: '1940-01-01', 'answers.four_groups.aged_65_or_over': 'はい', doctorName: '佐藤 医師' }, { ...sampleRows()[4], nameKana: 'ファクス ニ', birthDate: '1941-01-01' }];
      const file = b64(csv(rowsOk));
      const none = await shinjuku.client.post('/api/bulk-uploads', { disease: 'covid19', fileName: 'fax.csv', contentBase64: file });
      assert.equal(none.statusCode, 400);
      assert.equal(none.body.code, 'bulk_upload_institution_needed');
      const outside = await shinjuku.client.post('/api/bulk-uploads', { disease: 'covid19', fileName: 'fax.csv', contentBase64: file, institutionId: t.world.orgIds['midori-hospital'] });
      assert.equal(outside.statusCode, 403);
      const up = await shinjuku.client.post('/api/bulk-uploads', { disease: 'covid19', fileName: 'fax.csv', contentBase64: file, institutionId: t.world.orgIds['sakura-clinic'] });
      assert.equal(up.statusCode, 201, JSON.stringify(up.body));
      assert.equal(up.body.source, 'fax');
      const { progress } = await checkAll(shinjuku, up.body.id);
      const seen = (await shinjuku.client.get(`/api/bulk-uploads/${up.body.id}`)).body.rows;
      assert.equal(progress.counts.ready, 1, JSON.stringify(seen.map((x: { problems: unknown; status: string }) => [x.status, x.problems])));
      assert.equal(progress.counts.error, 1, 'the row without its doctor');
      const r = await shinjuku.client.post(`/api/bulk-uploads/${up.body.id}/register`, {});
      assert.equal(r.body.registered.length, 1);
      assert.equal(r.body.registered[0].submitted, true);
      const n = await t.superuser(`SELECT n.source, n.institution_id, n.doctor_name, n.status FROM notifications n JOIN bulk_upload_rows r ON r.notification_id = n.id WHERE r.upload_id = $1`, [up.body.id]);
      assert.deepEqual(n.rows[0], { source: 'fax', institution_id: t.world.orgIds['sakura-clinic'], doctor_name: '佐藤 医師', status: 'submitted' });
    });

    it('discarding an upload deletes its rows not registered; registered rows keep their case and masked name; another clinic cannot', async () => {
      const before = await t.superuser(`SELECT status, count(*)::int AS n FROM bulk_upload_rows WHERE upload_id = $1 GROUP BY status`, [uploadId]);
      const by = Object.fromEntries(before.rows.map((r) => [r.status as string, Number(r.n)]));
      const unregistered = Object.entries(by).filter(([k]) => k !== 'registered').reduce((a, [, n]) => a + n, 0);
      assert.ok(by.registered > 0 && unregistered > 0, JSON.stringify(by));

      const other = await midori.client.request('DELETE', `/api/bulk-uploads/${uploadId}`);
      assert.equal(other.statusCode, 404);
      assert.equal(await count('SELECT count(*) AS n FROM bulk_upload_rows WHERE upload_id = $1', [uploadId]), by.registered + unregistered);
      // Nor can it delete through SQL: row-level security lets it see, and so delete, nothing of it.
      const midoriActor = await actorFor(t.db, 'midori-dr1');
      const deleted = await t.db.asActor(midoriActor, async (tx) => ({
        rows: (await rows(tx, sql`DELETE FROM bulk_upload_rows WHERE upload_id = ${uploadId} RETURNING row_no`)).length,
        uploads: (await rows(tx, sql`DELETE FROM bulk_uploads WHERE id = ${uploadId} RETURNING id`)).length,
      }));
      assert.deepEqual(deleted, { rows: 0, uploads: 0 });
      assert.equal(await count('SELECT count(*) AS n FROM bulk_upload_rows WHERE upload_id = $1', [uploadId]), by.registered + unregistered);

      const r = await doctor.client.request('DELETE', `/api/bulk-uploads/${uploadId}`);
      assert.equal(r.statusCode, 200, JSON.stringify(r.body));
      assert.deepEqual(r.body, { rowsDeleted: unregistered, registeredKept: by.registered, uploadDeleted: false });
      const left = await t.superuser(`SELECT status, cells, masked_name, case_id FROM bulk_upload_rows WHERE upload_id = $1`, [uploadId]);
      assert.equal(left.rows.length, by.registered);
      for (const row of left.rows) {
        assert.equal(row.status, 'registered');
        assert.deepEqual(row.cells, {});
        assert.ok(row.masked_name && row.case_id);
      }
      const audited = await t.superuser(`SELECT details, record_ids FROM audit_log WHERE action = 'bulk_uploads.discard'`);
      assert.equal(audited.rows.length, 1);
      assert.deepEqual(audited.rows[0].details, { rowsDeleted: unregistered, registeredKept: by.registered, uploadDeleted: false });
      const detail = await doctor.client.get(`/api/bulk-uploads/${uploadId}`);
      assert.equal(detail.body.counts.total, by.registered);
      assert.equal(detail.body.counts.registered, by.registered);

      // An upload none of whose rows was registered goes altogether: the file may be uploaded again.
      const file = b64(csv([{ ...sampleRows()[5], nameKana: 'ハキ イチ' }]));
      const up = await clerk.client.post('/api/bulk-uploads', { disease: 'covid19', fileName: 'discard.csv', contentBase64: file });
      assert.equal(up.statusCode, 201, JSON.stringify(up.body));
      const gone = await clerk.client.request('DELETE', `/api/bulk-uploads/${up.body.id}`);
      assert.deepEqual(gone.body, { rowsDeleted: 1, registeredKept: 0, uploadDeleted: true });
      assert.equal((await clerk.client.get(`/api/bulk-uploads/${up.body.id}`)).statusCode, 404);
      assert.equal((await clerk.client.request('DELETE', `/api/bulk-uploads/${up.body.id}`)).statusCode, 404);
      assert.equal(await count(`SELECT count(*) AS n FROM bulk_upload_rows WHERE cells::text LIKE '%ハキ イチ%'`), 0);
      const again = await clerk.client.post('/api/bulk-uploads', { disease: 'covid19', fileName: 'discard.csv', contentBase64: file });
      assert.equal(again.statusCode, 201);
      assert.equal(again.body.existing, false);
      await clerk.client.request('DELETE', `/api/bulk-uploads/${again.body.id}`);
    });

    it('the daily job deletes the unregistered rows of uploads untouched for BULK_UPLOAD_KEEP_DAYS; a fix touches an upload; the run is audited with counts', async () => {
      const idOf = async (fileName: string) => (await t.superuser('SELECT id FROM bulk_uploads WHERE file_name = $1', [fileName])).rows[0].id as string;
      const two = await idOf('two.csv'); // row 3 registered, row 2 an error
      const fax = await idOf('fax.csv'); // one registered, one an error
      const fresh = await clerk.client.post('/api/bulk-uploads', { disease: 'covid19', fileName: 'fresh.csv', contentBase64: b64(csv([{ ...sampleRows()[6], nameKana: 'キゲン イチ' }])) });
      assert.equal(fresh.statusCode, 201, JSON.stringify(fresh.body));
      const age = (id: string, days: number) => t.superuser(`UPDATE bulk_uploads SET touched_at = now() - make_interval(days => $2) WHERE id = $1`, [id, days]);
      await age(two, 31);
      await age(fax, 31);
      await age(fresh.body.id, 29);
      const first = await expireOldBulkUploads(t.db, 30);
      assert.deepEqual(first, { uploads: 2, rowsDeleted: 2, uploadsDeleted: 0 });
      for (const id of [two, fax]) {
        const left = await t.superuser(`SELECT status, cells FROM bulk_upload_rows WHERE upload_id = $1`, [id]);
        assert.deepEqual(left.rows, [{ status: 'registered', cells: {} }], 'the registered row stays, with its case only');
      }
      assert.equal(await count('SELECT count(*) AS n FROM bulk_upload_rows WHERE upload_id = $1', [fresh.body.id]), 1, 'not yet 30 days');
      const audited = await t.superuser(`SELECT details, actor_user_id, record_ids FROM audit_log WHERE action = 'bulk_uploads.expire' ORDER BY seq`);
      assert.deepEqual(audited.rows.at(-1), { details: { days: 30, uploads: 2, rowsDeleted: 2, uploadsDeleted: 0 }, actor_user_id: null, record_ids: [] });
      assert.deepEqual(await expireOldBulkUploads(t.db, 30), { uploads: 0, rowsDeleted: 0, uploadsDeleted: 0 }, 'a rerun finds nothing');

      // Work on an upload keeps it: a check touches it.
      await age(fresh.body.id, 31);
      await checkAll(clerk, fresh.body.id);
      assert.deepEqual(await expireOldBulkUploads(t.db, 30), { uploads: 0, rowsDeleted: 0, uploadsDeleted: 0 });
      // Left alone past the days, it goes altogether (none of its rows registered).
      await age(fresh.body.id, 31);
      assert.deepEqual(await expireOldBulkUploads(t.db, 30), { uploads: 1, rowsDeleted: 1, uploadsDeleted: 1 });
      assert.equal((await clerk.client.get(`/api/bulk-uploads/${fresh.body.id}`)).statusCode, 404);
      assert.equal(await count(`SELECT count(*) AS n FROM bulk_upload_rows WHERE cells::text LIKE '%キゲン%'`), 0);
    });
  });
}

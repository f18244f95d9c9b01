// The daily reminder run of My HER-SYS on both engines: due at the centre's time to those under
// observation who have not reported, once a day, through the last day, never after release.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ENGINES, type TestDatabase, freshDatabase } from '../../../test/harness/engines.ts';
import { japanToday } from '../../domain/calendar.ts';
import { sendDueReminders } from './patient-reminders.ts';

const URL = 'https://hersys.example.jp';
const today = japanToday(new Date());
const at = (time: string, date = today) => new Date(`${date}T${time}:00+09:00`);

for (const engine of ENGINES) {
  describe(`My HER-SYS reminders (${engine})`, () => {
    let t: TestDatabase;
    let yamada: string;
    let hanako: string;
    const sms = async () => (await t.superuser(`SELECT payload FROM outbox WHERE kind = 'sms' ORDER BY created_at`)).rows.map((r) => r.payload as { to: string; text: string });

    before(async () => {
      t = await freshDatabase(engine);
      yamada = t.world.patients[0].caseId;
      hanako = (await t.superuser(`SELECT c.id FROM cases c JOIN persons p ON p.id = c.person_id WHERE p.name_kana = 'サトウ ハナコ'`)).rows[0].id as string;
    });
    after(() => t.close());
    beforeEach(async () => {
      await t.superuser(`DELETE FROM outbox`);
      await t.superuser(`UPDATE patient_access SET last_reminded_on = NULL, reminders_paused_at = NULL, observe_until = $1::date + 3, reminder_time = NULL`, [today]);
      await t.superuser(`UPDATE cases SET current_status = 'home' WHERE id = $1`, [yamada]);
    });

    it('at the centre\'s reminder time, once a day, with the link and the due time and nothing personal', async () => {
      assert.deepEqual(await sendDueReminders(t.db, URL, at('06:59')), { cases: 0, messages: 0 });
      assert.deepEqual(await sendDueReminders(t.db, URL, at('07:00')), { cases: 1, messages: 1 });
      assert.deepEqual(await sendDueReminders(t.db, URL, at('07:30')), { cases: 0, messages: 0 }, 'once a day');
      const [message] = await sms();
      assert.equal(message.to, '090-0000-4321');
      assert.match(message.text, /08:30/);
      assert.match(message.text, /https:\/\/hersys\.example\.jp\/my/);
      assert.doesNotMatch(message.text, /山田|ヤマダ/);
    });

    it('includes the last day of the period and stops after it', async () => {
      await t.superuser(`UPDATE patient_access SET observe_until = $1 WHERE case_id = $2`, [today, yamada]);
      assert.equal((await sendDueReminders(t.db, URL, at('07:00'))).cases, 1, 'the last day');
      await t.superuser(`UPDATE patient_access SET observe_until = $1::date - 1, last_reminded_on = NULL WHERE case_id = $2`, [today, yamada]);
      assert.equal((await sendDueReminders(t.db, URL, at('07:00'))).cases, 0, 'the day after');
    });

    it('none after release or death, when paused, or once the patient reported today', async () => {
      for (const status of ['released', 'died']) {
        await t.superuser(`UPDATE cases SET current_status = $1 WHERE id = $2`, [status, yamada]);
        assert.equal((await sendDueReminders(t.db, URL, at('07:00'))).cases, 0, status);
      }
      await t.superuser(`UPDATE cases SET current_status = 'home' WHERE id = $1`, [yamada]);
      await t.superuser(`UPDATE patient_access SET reminders_paused_at = now() WHERE case_id = $1`, [yamada]);
      assert.equal((await sendDueReminders(t.db, URL, at('07:00'))).cases, 0, 'paused');
      await t.superuser(`UPDATE patient_access SET reminders_paused_at = NULL WHERE case_id = $1`, [yamada]);
      await t.superuser(`INSERT INTO health_observations (case_id, observed_on, source, method, temperature) VALUES ($1, $2, 'self', 'app', 36.5)`, [yamada, today]);
      assert.equal((await sendDueReminders(t.db, URL, at('07:00'))).cases, 0, 'reported');
      await t.superuser(`DELETE FROM health_observations WHERE case_id = $1`, [yamada]);
    });

    it('the patient\'s own time overrides the centre\'s', async () => {
      await t.superuser(`UPDATE patient_access SET reminder_time = '20:00' WHERE case_id = $1`, [yamada]);
      assert.equal((await sendDueReminders(t.db, URL, at('07:00'))).cases, 0);
      assert.equal((await sendDueReminders(t.db, URL, at('20:00'))).cases, 1);
    });

    it('a household gets one message for the reporter and the dependant', async () => {
      await t.superuser(`INSERT INTO patient_access (case_id, channel, observe_until) VALUES ($1, 'sms', $2::date + 3) ON CONFLICT DO NOTHING`, [hanako, today]);
      await t.superuser(`INSERT INTO household_links (case_id, head_case_id) VALUES ($1, $2)`, [hanako, yamada]);
      assert.deepEqual(await sendDueReminders(t.db, URL, at('07:00')), { cases: 2, messages: 1 });
      assert.equal((await sms())[0].to, '090-0000-4321');
    });
  });
}

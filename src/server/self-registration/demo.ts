// The demo world's 陽性者登録: registrations waiting for the Tokyo follow-up centre, so that a
// newcomer logging in as its doctor (tokyo-fu-dr1) can review, accept and reject at once. They were
// registered in August 2022, when a self-registration led to a 発生届 (the 2022-06-30 form); one is a
// likely duplicate of the demo's 高橋 美咲, whose case the centre follows.
import type { Tx } from '../db/database.ts';
import { selfRegistrations } from '../db/schema.ts';

const PENDING = [
  { reference: 'R-DEMO-0001', kanji: '伊藤 結衣', kana: 'イトウ ユイ', sex: 'female', birth: '1996-02-14', address: '東京都新宿区西新宿二丁目8番1号', phone: '090-0000-1001', email: 'ito@example.jp', channel: 'email', kit: 'エスプライン SARS-CoV-2', specimen: 'nasal_swab', test: '2022-08-08', symptoms: ['fever', 'sore_throat'], onset: '2022-08-07', risks: [] },
  { reference: 'R-DEMO-0002', kanji: '渡辺 翔', kana: 'ワタナベ ショウ', sex: 'male', birth: '1988-10-02', address: '東京都中野区中野四丁目1番1号', phone: '090-0000-1002', email: null, channel: 'sms', kit: 'クイックナビ-COVID19 Ag', specimen: 'nasal_swab', test: '2022-08-09', symptoms: [], onset: null, risks: ['smoking'] },
  { reference: 'R-DEMO-0003', kanji: '高橋 美咲', kana: 'タカハシ ミサキ', sex: 'female', birth: '2001-07-21', address: '東京都中野区本町三丁目2番3号', phone: '080-0000-1003', email: 'misaki@example.jp', channel: 'email', kit: 'イムノエース SARS-CoV-2', specimen: 'saliva', test: '2022-08-09', symptoms: ['cough'], onset: '2022-08-09', risks: [] },
] as const;

export async function seedSelfRegistrations(tx: Tx, prefectureId: string): Promise<void> {
  for (const p of PENDING) {
    await tx.insert(selfRegistrations).values({
      reference: p.reference,
      prefectureId,
      status: 'submitted',
      nameKanji: p.kanji,
      nameKana: p.kana,
      sex: p.sex,
      birthDate: p.birth,
      address: p.address,
      phone: p.phone,
      email: p.email,
      channel: p.channel,
      testKitName: p.kit,
      specimen: p.specimen,
      testDate: p.test,
      symptoms: [...p.symptoms],
      onsetDate: p.onset,
      riskFactors: [...p.risks],
      submittedAt: new Date(`${p.test}T10:00:00+09:00`),
    });
  }
}

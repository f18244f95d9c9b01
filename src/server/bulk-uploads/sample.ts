// The demo file (docs/bulk-upload-sample.csv, and GET /api/bulk-uploads/sample): 200 fictional
// notifications of a Shinjuku clinic, diagnosed in October–December 2022 under the four-groups form,
// in the template's Japanese headings — with SAMPLE_ERRORS rows a newcomer fixes on the screen, and
// one row that looks like a person the demo world already has (a likely duplicate).
import { stringify } from 'csv-stringify/sync';
import { columnsOf, headingOf } from '../../domain/bulk-upload/columns.ts';
import { selectForm } from '../../domain/forms/answers.ts';
import { ageOn } from '../../domain/logic-checks.ts';
import { FEMALE_GIVEN_NAMES, MALE_GIVEN_NAMES, SURNAMES, CHOME } from '../demo/japanese.ts';
import { formDefinitions } from '../notifications/forms.ts';

export const SAMPLE_ROWS = 200;

/** The rows (1-based data row number, the file's row is one more) with an error, and the cell it is at. */
export const SAMPLE_ERRORS: Record<number, string> = {
  7: 'birthDate', // 1985/02/30 is no date
  23: 'sex', // 不明 is no option
  58: 'nameKana', // kanji where the kana go
  91: 'specimenCollectedOn', // taken after the diagnosis (logic check)
  134: 'answers.four_groups.needs_admission', // none of the four groups (logic check)
  177: 'testSpecimen', // saliva is not a specimen of a qualitative antigen test
};
/** The row whose person is the demo world's ヤマダ タロウ (1958-04-12): flagged as a likely duplicate. */
export const SAMPLE_DUPLICATE = 150;

const TOWNS = ['新宿区西新宿', '新宿区歌舞伎町', '新宿区高田馬場', '新宿区百人町', '新宿区大久保'];

/** A small deterministic generator: the same file every time (so uploading it twice is the same file). */
function random(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const DAY = 86_400_000;

export function sampleRows(): Record<string, string>[] {
  const r = random(15);
  const rows: Record<string, string>[] = [];
  for (let i = 1; i <= SAMPLE_ROWS; i++) {
    const female = i % 2 === 0;
    const [sk, sa] = SURNAMES[r(60)];
    const [gk, ga] = (female ? FEMALE_GIVEN_NAMES : MALE_GIVEN_NAMES)[r(15)];
    const diagnosed = Date.UTC(2022, 9, 3) + r(75) * DAY;
    const old = r(3) === 0;
    const birth = old ? Date.UTC(1930 + r(22), r(12), 1 + r(28)) : Date.UTC(1960 + r(40), r(12), 1 + r(28));
    const aged65 = ageOn(iso(birth), iso(diagnosed)) >= 65;
    const pregnant = !aged65 && female && r(4) === 0;
    const row: Record<string, string> = {
      nameKanji: `${sk} ${gk}`,
      nameKana: `${sa} ${ga}`,
      sex: female ? '女' : '男',
      birthDate: iso(birth).replaceAll('-', '/'),
      residenceAddress: `東京都${TOWNS[r(TOWNS.length)]}${CHOME[r(CHOME.length)]}丁目${1 + r(20)}番${1 + r(15)}号`,
      phone: `080-0000-${String(1000 + i).padStart(4, '0')}`,
      classification: '患者（確定例）',
      diagnosedOn: iso(diagnosed),
      specimenCollectedOn: iso(diagnosed - r(2) * DAY),
      testMethod: i % 3 === 0 ? 'antigen_qualitative' : 'naat',
      testSpecimen: i % 3 === 0 ? '鼻腔拭い液' : '鼻咽頭拭い液',
      testResult: '陽性',
      testResultOn: iso(diagnosed),
      'answers.four_groups.aged_65_or_over': aged65 ? 'はい' : 'いいえ',
      'answers.four_groups.needs_admission': !aged65 && !pregnant ? 'はい' : 'いいえ',
      'answers.four_groups.risk_and_needs_treatment_or_oxygen': 'いいえ',
      'answers.four_groups.pregnant': pregnant ? 'はい' : 'いいえ',
      'answers.severity': ['軽症', '中等症Ⅰ', '中等症Ⅱ'][r(3)],
    };
    rows.push(row);
  }
  const at = (n: number) => rows[n - 1];
  at(7).birthDate = '1985/02/30';
  at(23).sex = '不明';
  at(58).nameKana = at(58).nameKanji;
  at(91).specimenCollectedOn = iso(Date.parse(at(91).diagnosedOn) + 2 * DAY);
  Object.assign(at(134), {
    'answers.four_groups.aged_65_or_over': 'いいえ',
    'answers.four_groups.needs_admission': 'いいえ',
    'answers.four_groups.pregnant': 'いいえ',
    birthDate: '1990/05/05',
  });
  Object.assign(at(177), { testMethod: 'antigen_qualitative', testSpecimen: '唾液' });
  Object.assign(at(SAMPLE_DUPLICATE), { nameKanji: '山田 太郎', nameKana: 'ヤマダ タロウ', sex: '男', birthDate: '1958/04/12' });
  Object.assign(at(SAMPLE_DUPLICATE), { 'answers.four_groups.aged_65_or_over': 'いいえ', 'answers.four_groups.needs_admission': 'はい', 'answers.four_groups.pregnant': 'いいえ' });
  return rows;
}

/** The sample as a file: UTF-8 with a BOM, headed as the Japanese template. */
export function sampleCsv(): Buffer {
  const form = selectForm(formDefinitions(), 'covid19', '2022-10-03')!;
  const columns = columnsOf(form);
  const rows = sampleRows();
  const table = [columns.map((c) => headingOf(c, 'ja')), ...rows.map((row) => columns.map((c) => row[c.key] ?? ''))];
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(stringify(table, { record_delimiter: '\r\n' }), 'utf8')]);
}

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { MUNICIPALITY_ROWS } from './municipalities-data.ts';
import {
  MUNICIPALITIES,
  isMunicipalityCode,
  municipalityName,
  municipalityOfAddress,
  prefectureOfMunicipality,
  type Municipality,
} from './municipality.ts';
import { PREFECTURES, prefectureOf } from './prefectures.ts';

const codeOf = (address: string | null | undefined) => municipalityOfAddress(address)?.code ?? null;
const nameOf = (address: string) => municipalityOfAddress(address)?.ja ?? null;

/** JIS X 0402's check digit (総務省: weights 6…2, 11 minus the remainder, its last digit). */
const checkDigit = (five: string) =>
  (11 - ([...five].reduce((s, d, i) => s + Number(d) * (6 - i), 0) % 11)) % 10;

const fullWidth = (s: string) => s.replace(/[0-9-]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe('the municipality list', () => {
  it('holds the 1,741 municipalities in force and the six Northern Territories villages, each code once', () => {
    assert.equal(MUNICIPALITIES.length, 1747);
    assert.equal(new Set(MUNICIPALITIES.map((m) => m.code)).size, 1747);
    assert.equal(MUNICIPALITIES.filter((m) => m.code >= '016951' && m.code <= '017001').length, 6);
  });

  it('carries six-digit codes whose check digit is right and whose first two digits are a prefecture', () => {
    for (const m of MUNICIPALITIES) {
      assert.match(m.code, /^\d{6}$/);
      assert.equal(Number(m.code[5]), checkDigit(m.code.slice(0, 5)), m.code);
      assert.equal(prefectureOf(m.prefecture).code, m.code.slice(0, 2));
    }
    assert.deepEqual([...new Set(MUNICIPALITIES.map((m) => m.prefecture))], PREFECTURES.map((p) => p.code));
  });

  it('counts the 23 special wards of Tokyo as municipalities and the 20 designated cities whole', () => {
    assert.equal(MUNICIPALITIES.filter((m) => m.prefecture === '13' && m.ja.endsWith('区')).length, 23);
    const designated = MUNICIPALITY_ROWS.filter(([, , wards]) => wards).map(([, ja]) => ja);
    assert.equal(designated.length, 20);
    assert.ok(designated.includes('横浜市') && designated.includes('熊本市'));
    assert.ok(MUNICIPALITIES.every((m) => /[市区町村]$/.test(m.ja)));
  });

  it('names a code and tells its prefecture; an unknown code has neither', () => {
    assert.deepEqual(municipalityName('131041'), { ja: '新宿区' });
    assert.deepEqual(municipalityName('141003'), { ja: '横浜市' });
    assert.equal(prefectureOfMunicipality('141003'), '14');
    assert.equal(prefectureOfMunicipality('014001'), '01');
    assert.equal(isMunicipalityCode('131041'), true);
    // A designated city's ward has a code of its own but is not a unit here.
    assert.equal(municipalityName('141062'), undefined);
    assert.equal(prefectureOfMunicipality('999999'), undefined);
    assert.equal(isMunicipalityCode('13104'), false);
  });
});

describe('the municipality of an address', () => {
  it('reads the municipality after the prefecture', () => {
    assert.deepEqual(municipalityOfAddress('東京都新宿区西新宿2丁目8番1号'), { code: '131041', ja: '新宿区', prefecture: '13' });
    assert.equal(codeOf('東京都八王子市元本郷町3-24-1'), '132012');
    assert.equal(codeOf('沖縄県那覇市泉崎1-2-2'), '472018');
  });

  it('counts a designated city’s ward for the city (横浜市中区 is 横浜市)', () => {
    assert.equal(codeOf('神奈川県横浜市中区山下町1'), '141003');
    assert.equal(codeOf('大阪府大阪市北区梅田1-1-3'), '271004');
    assert.equal(codeOf('静岡県浜松市中央区元城町103-2'), '221309');
    // A ward written without its city still tells the city when only one city of the prefecture has it.
    assert.equal(codeOf('神奈川県港北区新横浜2-5'), '141003');
    assert.equal(codeOf('静岡県浜名区貴布祢'), '221309');
    // …and nothing when two have it: 大阪市北区 and 堺市北区.
    assert.equal(codeOf('大阪府北区梅田'), null);
  });

  it('skips the district (郡) before a town or village', () => {
    assert.equal(codeOf('北海道虻田郡倶知安町北1条東1丁目'), '014001');
    assert.equal(codeOf('福島県田村郡三春町大町1-2'), '075213');
    assert.equal(codeOf('山形県西村山郡河北町谷地'), '063215');
    assert.equal(codeOf('福岡県糟屋郡粕屋町駕与丁1'), '403491');
    // …but 郡 inside a city's name is the name: 郡山市, 大和郡山市.
    assert.equal(codeOf('福島県郡山市朝日1-23-7'), '072036');
    assert.equal(codeOf('奈良県大和郡山市北郡山町248-4'), '292036');
  });

  it('tells the names a 市/区/町/村 pattern gets wrong, by the official list', () => {
    const cases: [string, string][] = [
      ['千葉県市川市八幡1-1-1', '市川市'],
      ['三重県四日市市諏訪町1-5', '四日市市'],
      ['東京都町田市森野2-2-22', '町田市'],
      ['長野県大町市大町3887', '大町市'],
      ['新潟県十日町市千歳町3-3', '十日町市'],
      ['山形県村山市中央1-3-6', '村山市'],
      ['石川県野々市市三納1-1', '野々市市'],
      ['広島県廿日市市下平良1-11-1', '廿日市市'],
      ['千葉県市原市国分寺台中央1-1-1', '市原市'],
      ['福島県田村市船引町船引', '田村市'],
      ['東京都東村山市本町1-2-3', '東村山市'],
      ['広島県安芸郡府中町大通3', '府中町'],
      ['広島県府中市府川町315', '府中市'],
    ];
    for (const [address, name] of cases) assert.equal(nameOf(address), name, address);
  });

  it('reads an address without its prefecture when the name is found in one prefecture only', () => {
    assert.equal(codeOf('新宿区西新宿2-8-1'), '131041');
    assert.equal(codeOf('横浜市中区山下町1'), '141003');
    assert.equal(codeOf('四日市市諏訪町1-5'), '242021');
    assert.equal(codeOf('虻田郡倶知安町北1条東1丁目'), '014001');
    // 府中市 is in Tokyo and Hiroshima; 北区 is Tokyo's and a ward of five cities; 中区 a ward only.
    assert.equal(codeOf('府中市宮西町2-24'), null);
    assert.equal(codeOf('北区王子本町1-15-22'), null);
    assert.equal(codeOf('中区山下町1'), null);
  });

  it('takes a prefecture written without 都/府/県', () => {
    assert.equal(codeOf('東京新宿区西新宿2-8-1'), '131041');
    assert.equal(codeOf('大阪府大阪市'), '271004');
    assert.equal(codeOf('京都市左京区吉田本町'), '261009');
  });

  it('ignores spaces, full-width digits, half-width kana, a postcode and ヶ for ケ', () => {
    assert.equal(codeOf('〒160-0023　東京都　新宿区　西新宿２－８－１'), '131041');
    assert.equal(codeOf(' 神奈川県 横浜市 中区 山下町 1 '), '141003');
    assert.equal(codeOf('千葉県鎌ヶ谷市新鎌ケ谷2-6-1'), '122246');
    assert.equal(codeOf('千葉県鎌ｹ谷市新鎌ケ谷2-6-1'), '122246');
  });

  it('tells 古宇郡泊村 from the Northern Territories’ 国後郡泊村 by the district, and a bare 泊村 is the first', () => {
    assert.equal(codeOf('北海道古宇郡泊村茅沼村'), '014036');
    assert.equal(codeOf('北海道国後郡泊村'), '016969');
    assert.equal(codeOf('北海道泊村茅沼村'), '014036');
  });

  it('tells nothing from an empty, foreign, misspelt or prefecture-only address', () => {
    for (const address of [null, undefined, '', '   ', '東京都', '東京都横浜市中区', '東京都新宿', 'Seoul, Korea', '大韓民国ソウル特別市', '不定', '新宿']) {
      assert.equal(codeOf(address), null, String(address));
    }
  });

  it('maps every municipality of the list back from "<prefecture><name>1-2-3"', () => {
    const wrong = MUNICIPALITIES.filter((m) => m.code !== '016969')
      .filter((m) => codeOf(`${prefectureOf(m.prefecture).ja}${m.ja}1-2-3`) !== m.code)
      .map((m) => m.code + m.ja);
    assert.deepEqual(wrong, []);
  });

  it('maps any municipality back however the rest of the address is written (property)', () => {
    const listed = MUNICIPALITIES.filter((m) => m.code !== '016969');
    fc.assert(
      fc.property(
        fc.constantFrom<Municipality>(...listed),
        fc.tuple(fc.nat(99), fc.nat(99), fc.nat(99)),
        fc.boolean(),
        fc.constantFrom('', ' ', '\u3000'),
        fc.constantFrom('丁目', '-', '番地'),
        (m, [a, b, c], wide, space, sep) => {
          let address = `${prefectureOf(m.prefecture).ja}${space}${m.ja}${space}本町${a + 1}${sep}${b}-${c}`;
          if (wide) address = fullWidth(address);
          return codeOf(address) === m.code;
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('maps a name found once in the whole list back without its prefecture, and a name found twice to nothing', () => {
    const count = new Map<string, number>();
    for (const [, ja, wards] of MUNICIPALITY_ROWS) {
      for (const name of [ja, ...(wards?.split(' ') ?? [])]) count.set(name, (count.get(name) ?? 0) + 1);
    }
    const wrong = MUNICIPALITIES.filter((m) => m.ja !== '泊村').filter((m) => {
      const expected = count.get(m.ja) === 1 ? m.code : null;
      return codeOf(`${m.ja}1-2-3`) !== expected;
    });
    assert.deepEqual(wrong.map((m) => m.code + m.ja), []);
  });
});

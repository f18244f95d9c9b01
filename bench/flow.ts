// One notification flow over HTTP, as a doctor of a demo clinic files it: register a new person with
// a positive PCR, draft the 発生届, submit it. Shared by the throughput benchmark's clients and the
// statement count.
import { randomInt, randomUUID } from 'node:crypto';
import type { HttpClient, Reply } from '../test/harness/http-client.ts';
import { AREAS, CHOME, FEMALE_GIVEN_NAMES, MALE_GIVEN_NAMES, SURNAMES } from '../src/server/demo/japanese.ts';

const pick = <T>(list: readonly T[]) => list[randomInt(list.length)];
const pad = (n: number) => String(n).padStart(2, '0');

/** A new adult patient of the clinic's area with a positive PCR: the form of 2022-01-24 applies. */
export function registration() {
  const female = randomInt(2) === 1;
  const [surname, surnameKana] = pick(SURNAMES);
  const [given, givenKana] = pick(female ? FEMALE_GIVEN_NAMES : MALE_GIVEN_NAMES);
  const area = AREAS[randomInt(2)]; // 新宿区 or 中野区, where the demo world's clinics are
  return {
    person: {
      nameKanji: `${surname} ${given}`,
      nameKana: `${surnameKana} ${givenKana}`,
      sex: female ? 'female' : 'male',
      birthDate: `${1940 + randomInt(60)}-${pad(1 + randomInt(12))}-${pad(1 + randomInt(28))}`,
      residenceAddress: `${area.prefecture}${pick(area.towns)}${pick(CHOME)}丁目${1 + randomInt(30)}番${1 + randomInt(20)}号`,
      phone: `090-${randomInt(10_000).toString().padStart(4, '0')}-${randomInt(10_000).toString().padStart(4, '0')}`,
    },
    choice: { kind: 'new_person' },
    tests: [{ method: 'naat', specimen: 'nasopharyngeal_swab', collectedOn: '2022-03-01', result: 'positive', resultOn: '2022-03-02' }],
  };
}

const NOTIFICATION = {
  classification: 'patient',
  diagnosedOn: '2022-03-02',
  initialConsultationOn: '2022-03-02',
  specimenCollectedOn: '2022-03-01',
  onsetOn: '2022-02-28',
  occupation: '会社員',
  admitted: false,
  answers: {
    symptoms: ['fever', 'cough'],
    infection_route: { route_certainty: 'unknown' },
    infection_area: { area_certainty: 'presumed', area_type: 'domestic', area_prefecture: '13' },
    severity: 'mild',
    vaccination: [
      { vaccination_status: 'yes', vaccination_date: '2021-07-01', vaccine_type: 'pfizer' },
      { vaccination_status: 'yes', vaccination_date: '2021-07-22', vaccine_type: 'pfizer' },
    ],
  },
};

function expect(r: Reply, status: number, what: string): any {
  if (r.status !== status) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Each form submission carries its own Idempotency-Key, as the web app sends it. */
const keyed = () => ({ 'idempotency-key': randomUUID() });

export async function flow(client: HttpClient): Promise<void> {
  const registered = expect(await client.post('/api/registrations', registration(), keyed()), 201, 'registration');
  const draft = expect(await client.post(`/api/cases/${registered.caseId}/notifications`, NOTIFICATION, keyed()), 201, 'draft');
  expect(await client.post(`/api/notifications/${draft.id}/submit`, { version: draft.version, acknowledgedWarnings: [] }, keyed()), 200, 'submission');
}


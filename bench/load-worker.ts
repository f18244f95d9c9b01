// The clients of the throughput benchmark, in a worker thread so that their fetch and JSON work
// does not run on the server's event loop. Each client is one doctor with their own session; all
// share `flows` and each flow is register → draft → submit over HTTP.
import { randomInt } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { firstLogin, type HttpClient, type Reply } from './http.ts';
import { AREAS, CHOME, FEMALE_GIVEN_NAMES, MALE_GIVEN_NAMES, SURNAMES } from './japanese.ts';

export interface LoadInput {
  baseUrl: string;
  accounts: { loginId: string; password: string }[];
  flows: number;
  /** Flows before the clock starts (JIT, plan caches, connections). */
  warmup: number;
}

export interface LoadResult {
  flowsMs: number[];
  wallMs: number;
}

const pick = <T>(list: readonly T[]) => list[randomInt(list.length)];
const pad = (n: number) => String(n).padStart(2, '0');

/** A new adult patient of the clinic's area with a positive PCR: the form of 2022-01-24 applies. */
function registration() {
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

async function flow(client: HttpClient): Promise<void> {
  const registered = expect(await client.post('/api/registrations', registration()), 201, 'registration');
  const draft = expect(await client.post(`/api/cases/${registered.caseId}/notifications`, NOTIFICATION), 201, 'draft');
  expect(await client.post(`/api/notifications/${draft.id}/submit`, { version: draft.version, acknowledgedWarnings: [] }), 200, 'submission');
}

async function run(input: LoadInput): Promise<LoadResult> {
  const clients = await Promise.all(input.accounts.map((a) => firstLogin(input.baseUrl, a.loginId, a.password)));
  const drive = async (count: number, samples?: number[]) => {
    let left = count;
    await Promise.all(
      clients.map(async (client) => {
        while (left > 0) {
          left--;
          const t = performance.now();
          await flow(client);
          samples?.push(performance.now() - t);
        }
      }),
    );
  };
  await drive(input.warmup);
  const flowsMs: number[] = [];
  const started = performance.now();
  await drive(input.flows, flowsMs);
  return { flowsMs, wallMs: performance.now() - started };
}

if (parentPort) {
  run(workerData as LoadInput).then(
    (result) => parentPort!.postMessage({ result }),
    (err: Error) => parentPort!.postMessage({ error: err.stack ?? String(err) }),
  );
}

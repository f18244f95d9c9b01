// Request and response shapes of 濃厚接触者 (close contacts) and the transmission chain:
// /api/cases/:id/contacts, /api/contacts/:id, /api/contacts/:id/case, /api/cases/:id/chain.
import { z } from 'zod';
import { CalendarDate } from './dates.ts';
import { Version } from './version.ts';
import { CONTACT_OUTCOMES, CONTACT_SETTINGS } from '../contacts.ts';
import { MAX_TESTS_PER_ENTRY } from '../lab-tests.ts';
import { LabTestInput, PersonInput } from './cases.ts';

const localized = z.object({ ja: z.string(), en: z.string() });
const date = CalendarDate.meta({ description: 'A calendar date in Japan, yyyy-mm-dd' });
const note = z.string().trim().max(2000);

export const ContactSetting = z.enum(CONTACT_SETTINGS).meta({
  description: 'household (同居/家庭内), workplace (職場), school (学校・保育所), medical (医療機関), facility (施設), other (その他)',
});
export const ContactOutcome = z.enum(CONTACT_OUTCOMES);

export const AddContactBody = z
  .object({
    person: PersonInput.optional().meta({ description: 'A new person (after POST /api/registrations/duplicates found none to choose)' }),
    personId: z.uuid().optional().meta({ description: 'A person found by POST /api/registrations/duplicates' }),
    setting: ContactSetting,
    relation: z.string().trim().min(1).max(100).optional().meta({ description: 'Free text, e.g. 配偶者, 同僚' }),
    lastContactOn: date.meta({ description: 'Date of last contact with the case: not in the future' }),
    note: note.optional(),
  })
  .superRefine((b, ctx) => {
    // The same explicit choice as registration: a new person, or one the duplicate check found.
    if ((b.person === undefined) === (b.personId === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [b.person === undefined ? 'personId' : 'person'],
        message: '新しい人（person）か、重複確認で見つけた人（personId）のどちらか一方を指定してください / give either person or personId',
      });
    }
  });

export const AddedContact = z.object({
  contactId: z.uuid(),
  personId: z.uuid(),
  exposureId: z.uuid(),
  created: z.enum(['contact', 'exposure']).meta({ description: 'contact: a new contact record; exposure: added to the person’s existing one' }),
  monitoringEndsOn: z.string(),
  outcome: ContactOutcome,
  version: z.number().int(),
});

/** The masked identity everyone who sees the record gets, and the full one for health-centre staff. */
const PersonView = z.object({
  id: z.uuid(),
  maskedName: z.string(),
  sex: z.enum(['male', 'female']),
  ageBand: localized,
  full: z
    .object({
      nameKanji: z.string(),
      nameKana: z.string(),
      birthDate: z.string(),
      phone: z.string().nullable(),
      residenceAddress: z.string().nullable(),
    })
    .nullable()
    .meta({ description: 'For health-centre staff only (the centre’s working list); null for prefecture staff' }),
});

const BecameCase = z.object({ caseId: z.uuid(), caseNumber: z.string() }).nullable();

export const CaseContacts = z.object({
  contacts: z.array(
    z.object({
      contactId: z.uuid(),
      exposureId: z.uuid(),
      person: PersonView,
      setting: ContactSetting,
      relation: z.string().nullable(),
      lastContactOn: z.string(),
      monitoringEndsOn: z.string(),
      outcome: ContactOutcome,
      responsibleHcId: z.uuid().meta({ description: 'The centre following the contact: its outcome and its becoming a case are that centre’s to record' }),
      becameCase: BecameCase.meta({ description: 'The case the contact became, when one may see it' }),
      version: z.number().int(),
    }),
  ),
});

export const ContactDetail = z.object({
  id: z.uuid(),
  person: PersonView,
  responsibleHcId: z.uuid(),
  disease: z.string(),
  monitoringEndsOn: z.string(),
  outcome: ContactOutcome,
  becameCase: BecameCase,
  note: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  version: z.number().int(),
  exposures: z
    .array(
      z.object({
        id: z.uuid(),
        sourceCase: z.object({ caseId: z.uuid(), caseNumber: z.string() }),
        setting: ContactSetting,
        relation: z.string().nullable(),
        lastContactOn: z.string(),
        createdAt: z.iso.datetime(),
      }),
    )
    .meta({ description: 'The source cases one may see, oldest exposure first' }),
});

export const UpdateContactBody = z.object({
  version: Version,
  outcome: ContactOutcome.optional().meta({ description: 'Not became_case: that is set by POST /api/contacts/:id/case' }),
  note: note.nullable().optional(),
});

export const ContactCaseBody = z
  .object({
    version: Version,
    caseId: z.uuid().optional().meta({ description: 'An existing case of the same person one may see (e.g. a clinic notified it)' }),
    institutionId: z.uuid().optional().meta({ description: 'Register the case for the contact person on this institution’s behalf' }),
    tests: z.array(LabTestInput).max(MAX_TESTS_PER_ENTRY).optional().meta({ description: 'With institutionId: up to 4 test records' }),
  })
  .superRefine((b, ctx) => {
    if ((b.caseId === undefined) === (b.institutionId === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [b.caseId === undefined ? 'caseId' : 'institutionId'],
        message: '既存の症例（caseId）か、代理登録する医療機関（institutionId）のどちらか一方を指定してください / give either caseId or institutionId',
      });
    }
    if (b.caseId !== undefined && b.tests !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['tests'], message: '既存の症例に紐付けるときは検査を指定できません / tests only with institutionId' });
    }
  });

export const ContactBecameCase = z.object({
  contactId: z.uuid(),
  caseId: z.uuid(),
  caseNumber: z.string(),
  created: z.boolean().meta({ description: 'true: the case was registered now; false: an existing case was linked' }),
  version: z.number().int(),
});

export const ChainQuery = z.object({
  generations: z.coerce.number().int().min(1).max(6).default(3).meta({ description: 'How far to walk each way (1–6)' }),
});

export const ChainNode = z.object({
  id: z.string().meta({ description: 'case:<caseId>, contact:<contactId>, or hidden:<n> for a node one may not see' }),
  kind: z.enum(['case', 'contact']),
  hidden: z.boolean().meta({ description: 'Outside one’s scope: the chain goes on there, but who it is is not shown' }),
  caseId: z.uuid().nullable(),
  contactId: z.uuid().nullable(),
  caseNumber: z.string().nullable(),
  outcome: ContactOutcome.nullable().meta({ description: 'For a contact node' }),
  generation: z.number().int().meta({ description: 'Signed distance from the case asked for: negative towards the sources' }),
  maskedName: z.string().nullable(),
  sex: z.enum(['male', 'female']).nullable(),
  ageBand: localized.nullable(),
  nameKana: z.string().nullable().meta({ description: 'Only for staff of the node’s responsible health centre' }),
});

export const Chain = z.object({
  rootCaseId: z.uuid(),
  generations: z.number().int(),
  nodes: z.array(ChainNode),
  edges: z.array(
    z.object({
      exposureId: z.uuid(),
      from: z.string(),
      to: z.string(),
      setting: ContactSetting,
      lastContactOn: z.string(),
    }),
  ),
  truncated: z.boolean().meta({ description: 'The node cap was reached: more of the chain exists' }),
});

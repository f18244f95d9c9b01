// The names hersys gives its FHIR artefacts: the canonical base of its Questionnaires, its code
// systems and extensions. Canonical URLs are identifiers, not addresses a client must fetch; they
// live here once so that every mapping (and the /fhir routes) spells them alike.
import type { Extension } from '@medplum/fhirtypes';
import { CASE_NUMBER_SYSTEM, CLASSIFICATION_SYSTEM, DISEASE_SYSTEM, SPECIMEN_SYSTEM, TEST_METHOD_SYSTEM, TEST_RESULT_SYSTEM } from '../fhir/systems.ts';
import type { Localized } from '../messages.ts';

export const HERSYS_FHIR = 'https://hersys.example.jp/fhir';

export const QUESTIONNAIRE_BASE = `${HERSYS_FHIR}/Questionnaire`;
/** Code systems: the stable codes of the form definitions and of the typed notification items (the read API's, systems.ts). */
export const CODE_SYSTEM = {
  classification: CLASSIFICATION_SYSTEM,
  disease: DISEASE_SYSTEM,
  testMethod: TEST_METHOD_SYSTEM,
  specimen: SPECIMEN_SYSTEM,
  testResult: TEST_RESULT_SYSTEM,
  /** A form item's value set: `${formItemSystem}/<formId>/<itemId>`. */
  formItem: `${HERSYS_FHIR}/CodeSystem/form`,
} as const;

export const IDENTIFIER_SYSTEM = {
  /** HER-SYS ID (the case number). */
  caseNumber: CASE_NUMBER_SYSTEM,
  notification: 'urn:hersys:notification',
  person: 'urn:hersys:person',
} as const;

export const EXTENSION = {
  /** HL7's translation extension on a string primitive: the English of Japanese text. */
  translation: 'http://hl7.org/fhir/StructureDefinition/translation',
  /** ISO 21090 name representation: IDE (kanji) or SYL (kana), as JP Core uses it. */
  nameRepresentation: 'http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation',
  /** On a Questionnaire item: the form's required level (submit / law / optional). */
  requiredLevel: `${HERSYS_FHIR}/StructureDefinition/required-level`,
  /** On an answer of an その他（　） option: its free text. */
  otherText: `${HERSYS_FHIR}/StructureDefinition/other-text`,
  /** On a Patient address: 'residence' (所在地・居所) or 'registered' (住所). */
  addressKind: `${HERSYS_FHIR}/StructureDefinition/address-kind`,
  /** On an Observation: the date the result was known (結果判明日). */
  resultDate: `${HERSYS_FHIR}/StructureDefinition/result-date`,
  /** On a receipt (OperationOutcome): the notification filed. */
  notification: `${HERSYS_FHIR}/StructureDefinition/notification`,
  /** On a QuestionnaireResponse and a receipt: the case's HER-SYS ID. */
  caseNumber: `${HERSYS_FHIR}/StructureDefinition/case-number`,
  /**
   * On the notification's QuestionnaireResponse in an intake Bundle (a Bundle has no extensions): what to do about likely duplicates, as the web form's choice after
   * /registrations/duplicates. valueCode 'new-person' (checked: a different person), or
   * valueReference Patient/<person id> (the same person: a new case of theirs).
   */
  registration: `${HERSYS_FHIR}/StructureDefinition/registration`,
  /** On the intake QuestionnaireResponse: one per acknowledged logic-check warning, valueCode = its rule id. */
  acknowledgedWarning: `${HERSYS_FHIR}/StructureDefinition/acknowledged-warning`,
} as const;

/** The English of a Japanese text, as the `_text` (`_display`, `_title`) of its element. */
export const translated = (l: Localized): { extension: Extension[] } => ({
  extension: [{ url: EXTENSION.translation, extension: [{ url: 'lang', valueCode: 'en' }, { url: 'content', valueString: l.en }] }],
});

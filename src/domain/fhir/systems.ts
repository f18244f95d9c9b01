// The URIs this server names its own codes and identifiers with in FHIR resources (issue 15). They
// are URNs under "hersys": not resolvable, stable, listed in the CapabilityStatement and the README.
// Other modules (Questionnaire generation, Bundle intake) use the same ones.

/** HER-SYS ID (case number, e.g. 2024-0000123): Patient.identifier and Condition.identifier. */
export const CASE_NUMBER_SYSTEM = 'urn:hersys:case-number';
/** The disease of a notification form (the definition's disease.code, e.g. covid19). */
export const DISEASE_SYSTEM = 'urn:hersys:disease';
/** 診断分類: the classification of a notification (patient, asymptomatic_carrier, suspected, …). */
export const CLASSIFICATION_SYSTEM = 'urn:hersys:classification';
/** 診断方法: the method of a test record (isolation, naat, antigen_qualitative, …). */
export const TEST_METHOD_SYSTEM = 'urn:hersys:test-method';
export const SPECIMEN_SYSTEM = 'urn:hersys:specimen';
export const TEST_RESULT_SYSTEM = 'urn:hersys:test-result';
/** 健康観察: the code of a health observation and its symptom components. */
export const HEALTH_OBSERVATION_SYSTEM = 'urn:hersys:health-observation';
export const SYMPTOM_SYSTEM = 'urn:hersys:symptom';
/** How a hospital stay ended (recovered, transferred, died, other). */
export const ADMISSION_OUTCOME_SYSTEM = 'urn:hersys:admission-outcome';

export const LOINC = 'http://loinc.org';
export const ICD10 = 'http://hl7.org/fhir/sid/icd-10';
export const UCUM = 'http://unitsofmeasure.org';

/**
 * ICD-10 (WHO) codes of the diseases whose forms are defined, where one code covers the whole
 * disease (U07.1, the emergency code, for COVID-19). Tuberculosis (A15–A19 by site), SFTS and
 * invasive pneumococcal disease (by clinical picture) have none: their Conditions carry our code only.
 */
export const ICD10_OF_DISEASE: Record<string, { code: string; display: string }> = {
  covid19: { code: 'U07.1', display: 'COVID-19, virus identified' },
  ebola: { code: 'A98.4', display: 'Ebola virus disease' },
  ehec: { code: 'A04.3', display: 'Enterohaemorrhagic Escherichia coli infection' },
  dengue: { code: 'A97', display: 'Dengue' },
  measles: { code: 'B05', display: 'Measles' },
  rubella: { code: 'B06', display: 'Rubella [German measles]' },
  syphilis: { code: 'A53.9', display: 'Syphilis, unspecified' },
  pertussis: { code: 'A37', display: 'Whooping cough' },
};

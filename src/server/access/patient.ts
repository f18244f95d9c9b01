// The patient of a My HER-SYS session (issue 11): not a staff user but a case's own person. Services
// receive it with every call; the database receives it per transaction (db.asPatient) and admits
// only the rows of its cases (role hersys_patient, migration 0021).
export interface Patient {
  /** The patient session. */
  sessionId: string;
  /** The case signed in with (its スマホ入力ID). */
  caseId: string;
  /** That case and the household dependants linked to it, the signed-in case first. */
  caseIds: string[];
}

/** What a patient's service needs besides the patient: for the audit trail. */
export interface PatientContext {
  patient: Patient;
  clientAddr: string | null;
}

/** A patient's audit rows carry no staff actor; the session and the case say who acted. */
export const patientSource = (ctx: PatientContext) => ({ actor: null, clientAddr: ctx.clientAddr });
export const byPatient = (ctx: PatientContext) => ({ by: 'patient', sessionId: ctx.patient.sessionId, caseId: ctx.patient.caseId });

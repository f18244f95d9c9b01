// The answers of the patient's API as the screens hold them: inferred from its zod shapes, never retyped.
import type { z } from 'zod';
import type { PatientAccess, PatientCase, PatientCodeSent, PatientHome, SelfReport, SelfReportBody, SelfReportResult } from '../../domain/api/my.ts';

export type PatientHomeData = z.infer<typeof PatientHome>;
export type PatientCaseData = z.infer<typeof PatientCase>;
export type SelfReportData = z.infer<typeof SelfReport>;
export type SelfReportInput = z.input<typeof SelfReportBody>;
export type SelfReportOutcome = z.infer<typeof SelfReportResult>;
export type CodeSent = z.infer<typeof PatientCodeSent>;
export type PatientAccessData = z.infer<typeof PatientAccess>;

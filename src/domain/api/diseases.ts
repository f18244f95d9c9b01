// A notifiable disease, named by its form's code (form id = disease code): covid19, measles,
// tuberculosis, … Every shipped form is listed, with its versions, at GET /fhir/Questionnaire.
import { z } from 'zod';

export const DiseaseCode = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_]*$/)
  .max(50)
  .meta({ description: "A notifiable disease by its form's code (covid19, measles, tuberculosis…; the forms are listed at GET /fhir/Questionnaire)" });

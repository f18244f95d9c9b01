// A downloaded spreadsheet (the reports made for the ministry and the prefecture).
import { z } from 'zod';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const XlsxFile = z.any().meta({ description: `${XLSX_TYPE}: a workbook in Japanese, as an attachment` });

// What the exports take from the configuration.
import type { Config } from '../config.ts';
import { EXPORT_DOWNLOAD_HOURS } from '../../domain/privacy/exports.ts';
import { allowedNetwork } from './network.ts';

export interface ExportOptions {
  /** Rows above which a second person approves (EXPORT_APPROVAL_THRESHOLD). */
  threshold: number;
  /** Whether a client address may export (EXPORT_NETWORKS). */
  allowed: (address: string | null | undefined) => boolean;
  readyHours: number;
  /** config.PUBLIC_URL, for the link in the approvers' e-mail. */
  publicUrl: string;
}

export const exportOptions = (config: Config): ExportOptions => ({
  threshold: config.EXPORT_APPROVAL_THRESHOLD,
  allowed: allowedNetwork(config.EXPORT_NETWORKS),
  readyHours: EXPORT_DOWNLOAD_HOURS,
  publicUrl: config.PUBLIC_URL,
});

import type { Program } from '../model';

/** The programs an org has configured, with their redemption rules. */
export interface ProgramCatalog {
  /** Every program of the org; empty when the org has none (or does not exist). */
  programsOf(orgId: string): Promise<readonly Program[]>;
}

import type { Program } from '../model';

/** An org's settings other than its programs (the seed's org entry; ours: README, "Seed file"). */
export interface OrgSettings {
  /**
   * ISO 3166-1 alpha-2 country (e.g. `IN`) a mobile number without `+` is read in, stored and asked
   * alike (core/mobile-numbers.ts); absent: such numbers are read as international.
   */
  readonly defaultCountry?: string;
}

/** An org's programs and settings, as one read loads them. */
export interface OrgCatalog {
  readonly programs: readonly Program[];
  readonly settings: OrgSettings;
}

/** The programs an org has configured, with their redemption rules, and the org's settings. */
export interface ProgramCatalog {
  /** The org's programs and settings; no programs and no settings when the org has none (or does not exist). */
  catalogOf(orgId: string): Promise<OrgCatalog>;
  /** Every program of the org (the programs of `catalogOf`); empty when the org has none (or does not exist). */
  programsOf(orgId: string): Promise<readonly Program[]>;
}

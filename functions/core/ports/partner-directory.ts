import type { Partner } from '../model';

/** Maps a credential to the partner (org) it belongs to. Only a digest of the key is ever stored. */
export interface PartnerDirectory {
  findByKeyDigest(keyDigest: string): Promise<Partner | undefined>;
}

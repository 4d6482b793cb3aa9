import { ItemCode } from '../item-codes';
import type { Customer, Partner, Program } from '../model';

export type ProgramSelection =
  | { readonly kind: 'found'; readonly program: Program }
  | { readonly kind: 'failed'; readonly code: typeof ItemCode.INVALID_PROGRAM | typeof ItemCode.PROGRAM_NOT_CONFIGURED };

/**
 * The program a request is about: the one it names, or the org's default. A program the partner's
 * credential may not use is answered exactly like one that does not exist (1101), so a partner
 * learns nothing about programs outside its grant.
 */
export function selectProgram(programs: readonly Program[], partner: Partner, programId: number | undefined): ProgramSelection {
  const allowed = (p: Program) => partner.programIds === undefined || partner.programIds.includes(p.id);
  if (programId === undefined) {
    const fallback = programs.find((p) => p.isDefault && allowed(p));
    return fallback ? { kind: 'found', program: fallback } : { kind: 'failed', code: ItemCode.PROGRAM_NOT_CONFIGURED };
  }
  const program = programs.find((p) => p.id === programId && allowed(p));
  return program ? { kind: 'found', program } : { kind: 'failed', code: ItemCode.INVALID_PROGRAM };
}

/**
 * The program whose points `program` redeems with `group_redemption=true` (the org's programLinks).
 * A linked program outside the credential's grant counts as no link, as a program outside the grant
 * counts as no program.
 */
export function linkedEarnProgram(programs: readonly Program[], partner: Partner, program: Program): Program | undefined {
  if (program.earnProgramId === undefined) return undefined;
  return programs.find((p) => p.id === program.earnProgramId && (partner.programIds === undefined || partner.programIds.includes(p.id)));
}

/**
 * Whether a key may learn anything about this customer (ours: README, "Security"): a key limited to
 * some programs knows only the customers registered in at least one of them; any other customer of
 * the org is answered as unknown (816), so a key learns nothing through a program it may not use.
 * A key of every program knows every customer of its org. `customer.programs` must hold the key's
 * programs' memberships (`membershipsToRead`).
 */
export function knownToKey(customer: Pick<Customer, 'programs'>, partner: Partner): boolean {
  return partner.programIds === undefined || partner.programIds.some((id) => customer.programs[String(id)]?.registered === true);
}

/** The memberships a lookup reads: those the rules consult, and those that say whether the key knows the customer. */
export function membershipsToRead(partner: Partner, consulted: readonly number[]): number[] {
  return [...new Set([...consulted, ...(partner.programIds ?? [])])];
}

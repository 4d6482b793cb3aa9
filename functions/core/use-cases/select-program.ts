import { ItemCode } from '../item-codes';
import type { Partner, Program } from '../model';

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

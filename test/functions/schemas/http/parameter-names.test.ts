import { comparableName, knownNames, misspeltField, misspeltName } from '../../../../functions/schemas/http/parameter-names';
import { pointsApiOperations } from '../../../../functions/operations/points-api-operations';
import { RedeemBodySchema } from '../../../../functions/schemas/http/redeem-request';
import { ReverseBodySchema } from '../../../../functions/schemas/http/reverse-request';

describe('misspelt names', () => {
  const known = ['program_id', 'points', 'user_group2_primary_user_accountId'];

  it.each([
    ['programId', 'program_id'],
    ['PROGRAM_ID', 'program_id'],
    ['program-id', 'program_id'],
    ['Points', 'points'],
    ['user_group2_primary_user_account_id', 'user_group2_primary_user_accountId'],
  ])('%s misspells %s', (given, intended) => {
    expect(misspeltName(given, known)).toBe(intended);
  });

  it.each([['program_id'], ['programme_id'], ['org_id'], ['utm_source'], ['pointz'], ['ＰＯＩＮＴＳ'], ['poınts']])('%s misspells nothing', (given) => {
    expect(misspeltName(given, known)).toBeUndefined();
  });

  it('no two names an operation reads are equal up to case, "_" and "-" (each misspelling names one)', () => {
    const bodyNames = (schema: unknown): string[] => {
      const shape = (schema ?? {}) as { entries?: Record<string, unknown>; wrapped?: unknown; item?: unknown };
      if (shape.wrapped) return bodyNames(shape.wrapped);
      if (shape.item) return bodyNames(shape.item);
      return Object.entries(shape.entries ?? {}).flatMap(([name, entry]) => [name, ...bodyNames(entry).map((inner) => `${name}.${inner}`)]);
    };
    for (const operation of Object.values(pointsApiOperations)) {
      const levels = [knownNames(operation.request.query), ...groupByLevel(bodyNames(operation.request.body))];
      for (const names of levels) expect(new Set(names.map(comparableName)).size).toBe(names.length);
    }
  });

  it('walks a body along its schema: the first misspelt field, by its intended path', () => {
    expect(misspeltField(RedeemBodySchema, { root: { redeem: [{ points_redeemed: 1, customer: {}, externalReferenceNumber: 'R' }] } })).toEqual({
      path: ['root', 'redeem', 0, 'external_reference_number'],
      given: 'externalReferenceNumber',
    });
    expect(misspeltField(RedeemBodySchema, { root: { redeem: [{ customer: { Mobile: '1' } }] } })).toEqual({ path: ['root', 'redeem', 0, 'customer', 'mobile'], given: 'Mobile' });
    expect(misspeltField(ReverseBodySchema, { points_to_be_reversed: 5 })).toEqual({ path: ['pointsToBeReversed'], given: 'points_to_be_reversed' });
    expect(misspeltField(ReverseBodySchema, { redemptionId: 'x', note: 'stray', identifier: { type: 'ID', value: '1' } })).toBeUndefined();
    expect(misspeltField(RedeemBodySchema, 'not an object')).toBeUndefined();
  });
});

/** Names of one object level: `a`, `a.b` -> [[a], [b]] (siblings only compete with siblings). */
function groupByLevel(paths: string[]): string[][] {
  const byParent = new Map<string, string[]>();
  for (const path of paths) {
    const parent = path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : '';
    byParent.set(parent, [...(byParent.get(parent) ?? []), path.slice(path.lastIndexOf('.') + 1)]);
  }
  return [...byParent.values()];
}

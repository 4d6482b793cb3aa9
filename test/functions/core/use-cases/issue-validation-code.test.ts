import type { Partner } from '../../../../functions/core/model';
import { issueValidationCode } from '../../../../functions/core/use-cases/issue-validation-code';
import { customer, DEMO_REWARDS_RULES, InMemoryCustomerDirectory, InMemoryGroupDirectory, InMemoryProgramCatalog, program, ScriptedValidationCodes } from '../../../support/in-memory-ports';

/** validationcode sends a code only for a redemption that could pass: the program and amount rules come first. */
const partner: Partner = { orgId: 'demo', keyLabel: 'pos' };

function setup() {
  const validationCodes = new ScriptedValidationCodes();
  const deps = {
    programs: new InMemoryProgramCatalog([program(1, DEMO_REWARDS_RULES), program(2, { redemptionEnabled: false })]),
    customers: new InMemoryCustomerDirectory([
      customer(1001, {
        programs: {
          '1': { registered: true, currentPoints: 500, lifetimePoints: 1200, lifetimePurchases: 25000 },
          '2': { registered: true, currentPoints: 500, lifetimePoints: 1200, lifetimePurchases: 25000 },
        },
      }),
    ]),
    groups: new InMemoryGroupDirectory([]),
    validationCodes,
  };
  return { deps, validationCodes };
}
const asha = { type: 'id', value: '1001' } as const;

describe('validationcode checks the redemption before sending anything', () => {
  it.each([
    ['a program with redemption disabled', 2, 100, 827],
    ['more than the maximum per redemption', 1, 2_147_483_647, 819],
    ['less than the minimum', 1, 10, 821],
    ['not a multiple', 1, 105, 807],
  ])('%s: refused with %s, nothing sent', async (_name, programId, points, code) => {
    const { deps, validationCodes } = setup();
    const result = await issueValidationCode(deps, partner, { identifier: asha, programId, points, channel: 'SMS' });
    expect(result).toMatchObject({ kind: 'refused', code });
    expect(validationCodes.issued).toEqual([]);
  });

  it('a redemption that could pass gets its code, bound to the amount', async () => {
    const { deps, validationCodes } = setup();
    const result = await issueValidationCode(deps, partner, { identifier: asha, programId: 1, points: 200, channel: 'SMS' });
    expect(result.kind).toBe('issued');
    expect(validationCodes.issued).toMatchObject([{ customerId: 1001, programId: 1, points: 200 }]);
  });

  it('names the multiple in an 807, as a check does', async () => {
    const { deps } = setup();
    const result = await issueValidationCode(deps, partner, { identifier: asha, programId: 1, points: 105, channel: 'SMS' });
    expect(result).toMatchObject({ kind: 'refused', code: 807, message: 'Points must be a multiple of 10' });
  });
});

import type { ScriptedValidationCodes } from '../../support/in-memory-ports';
import { DEMO_KIOSK_KEY, pointsApiStack, type PointsApiStack } from '../../support/points-api-stack';

/**
 * A key limited to some programs learns nothing about a customer through a program it may not use
 * (README, "Security"): the demo kiosk key may use program 3 only, so a customer registered in no
 * program of its grant is answered exactly as one that does not exist (816), on every endpoint.
 * Kiran (1004) is known to program 1 only (not registered), Ravi (1002) is in 1 and 4, Meera
 * (1003, fraud CONFIRMED) in 1 and 4; Asha (1001) is registered in program 3.
 */
const CHECK = '/v1.1/points/isredeemable';
const CODE = '/v1.1/points/validationcode';
const REDEEM = '/v1.1/points/redeem';
const REVERSE = '/v2/points/reverse';
const checkItem = (answer: { body: any }) => answer.body.response.points.redeemable;

describe('a program-limited key and customers outside its programs (demo seed)', () => {
  let stack: PointsApiStack;
  beforeAll(async () => {
    stack = await pointsApiStack();
  });
  afterAll(() => stack.table.destroy());

  it('isredeemable: a customer outside program 3 is answered as a customer that does not exist', async () => {
    const kiran = await stack.get(CHECK, { id: '1004', points: '100', program_id: '3' }, DEMO_KIOSK_KEY);
    const nobody = await stack.get(CHECK, { id: '1999', points: '100', program_id: '3' }, DEMO_KIOSK_KEY);

    expect(checkItem(kiran)).toMatchObject({ item_status: { code: 816 }, mobile: '', email: '', external_id: '' });
    expect(kiran).toEqual(nobody);
  });

  it('isredeemable: only what the request said is echoed, whichever identifier names the customer', async () => {
    const ravi = await stack.get(CHECK, { mobile: '919900000002', points: '100', program_id: '3' }, DEMO_KIOSK_KEY);
    const meera = await stack.get(CHECK, { email: 'meera@example.com', points: '100', program_id: '3' }, DEMO_KIOSK_KEY);

    expect(checkItem(ravi)).toMatchObject({ item_status: { code: 816 }, mobile: '919900000002', email: '', external_id: '' });
    // Not even her fraud status (809) shows through the program the key may use.
    expect(checkItem(meera)).toMatchObject({ item_status: { code: 816 }, mobile: '', email: 'meera@example.com', external_id: '' });
  });

  it('a customer registered in a program of the grant is answered as before', async () => {
    const asha = await stack.get(CHECK, { card_number: '4000123412341234', points: '100', program_id: '3' }, DEMO_KIOSK_KEY);

    expect(checkItem(asha)).toMatchObject({ item_status: { code: 808 }, mobile: '919900000001', email: 'asha@example.com' });
  });

  it('validationcode: 816, nothing of the customer, no code sent', async () => {
    const codes = stack.validationCodes as ScriptedValidationCodes;
    const before = codes.issued.length;
    const answer = await stack.get(CODE, { mobile: '919900000002', points: '100', program_id: '3' }, DEMO_KIOSK_KEY);

    expect(answer.body.response.validation_code.code).toMatchObject({ item_status: { code: 816 }, mobile: '919900000002', email: '', external_id: '' });
    expect(codes.issued).toHaveLength(before);
  });

  it('redeem: 816, nothing of the customer', async () => {
    const answer = await stack.post(REDEEM, { root: { redeem: [{ points_redeemed: 100, customer: { id: 1004 } }] } }, { program_id: '3' }, DEMO_KIOSK_KEY);

    expect(answer.body.response.responses.points).toMatchObject({ item_status: { code: 816 }, mobile: '', email: '', external_id: '' });
  });

  it("reverse: a redemption of a customer outside the grant answers as an unknown customer's (816), not 814", async () => {
    await stack.post(REDEEM, { root: { redeem: [{ points_redeemed: 100, customer: { mobile: '919900000002' }, external_reference_number: 'RAVI-1' }] } }, { program_id: '1' });
    const reverse = (value: string) => stack.post(REVERSE, { externalReferenceNumber: 'RAVI-1', identifier: { type: 'MOBILE', value } }, null, DEMO_KIOSK_KEY);

    const ravi = await reverse('919900000002');
    const nobody = await reverse('919912345678');

    expect([ravi.statusCode, ravi.body.errors]).toEqual([404, [{ code: 816, message: 'Customer not found for organization' }]]);
    expect({ ...ravi.body, identifier: null }).toEqual({ ...nobody.body, identifier: null });
  });
});

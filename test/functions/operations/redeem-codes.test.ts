import { DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { ItemKeys } from '../../../functions/adapters/dynamodb/item-keys';
import { DynamoDbPointsLedger } from '../../../functions/adapters/dynamodb/dynamodb-points-ledger';
import { DynamoDbValidationCodeStore } from '../../../functions/adapters/dynamodb/dynamodb-validation-code-store';
import { CryptoRandomSource } from '../../../functions/adapters/node-crypto/crypto-random-source';
import { ValidationCodeService } from '../../../functions/core/validation-codes/validation-code-service';
import { localClientConfig } from '../../../local/dynamodb-local/dynamodb-local';
import { testDynamoEndpoint } from '../../support/dynamodb';
import { pointsApiStack, type PointsApiStack } from '../../support/points-api-stack';
import { CapturingSender, HMAC_SECRET } from '../../support/validation-code-fakes';

/**
 * Validation codes on redeem, with the real validation-code service on the same table: program 3
 * ("Secure Rewards") requires a code and does not allow skipping it; Asha holds 500 points there.
 */
const REDEEM = '/v1.1/points/redeem';
const CHECK = '/v1.1/points/isredeemable';
const asha = { mobile: '919900000001', program_id: '3' };
const redeemBody = (extra: Record<string, unknown>) => ({ root: { redeem: [{ points_redeemed: 100, customer: { mobile: '919900000001' }, ...extra }] } });
const itemOf = (answer: { body: any }) => answer.body.response.responses?.points ?? answer.body.response.points.redeemable;

describe('validation codes on redeem', () => {
  let stack: PointsApiStack;
  let sms: CapturingSender;
  let codesClient: DynamoDBClient;
  let ledger: DynamoDbPointsLedger;

  beforeEach(async () => {
    sms = new CapturingSender();
    // The code service has a client of its own, as the validation-codes function has: the points
    // function's round trips are counted alone.
    codesClient = new DynamoDBClient(localClientConfig(testDynamoEndpoint()));
    stack = await pointsApiStack({
      validationCodes: {
        issue: (request) => service().issue(request),
        verify: (request) => service().verify(request),
      },
    });
    ledger = new DynamoDbPointsLedger({ client: stack.table.client, tableName: stack.table.tableName });
  });
  afterEach(async () => {
    codesClient.destroy();
    await stack.table.destroy();
  });

  function service() {
    return new ValidationCodeService({
      store: new DynamoDbValidationCodeStore({ client: codesClient, tableName: stack.table.tableName }),
      senders: { SMS: sms },
      random: new CryptoRandomSource(),
      clock: { now: () => Date.now() },
      hmacSecret: HMAC_SECRET,
      allowedCountryCodes: ['91'],
    });
  }
  async function codeFor(points = 100): Promise<string> {
    const asked = await stack.get(CHECK, { ...asha, points: String(points), issue_otp: 'true' });
    expect(itemOf(asked).validation_code_sent).toBeDefined();
    return sms.lastCode();
  }
  const balance = () => ledger.readBalance('demo', { holder: { kind: 'customer', customerId: 1001 }, programId: 3 });
  const setBalance = (points: number) =>
    stack.table.client.send(
      new UpdateItemCommand({
        TableName: stack.table.tableName,
        Key: marshall(ItemKeys.customer('demo', 1001)),
        UpdateExpression: 'SET programs.#p.currentPoints = :points',
        ExpressionAttributeNames: { '#p': '3' },
        ExpressionAttributeValues: marshall({ ':points': points }),
      }),
    );

  it('redeems with the right code, in the check’s two reads and one transaction, and uses the code up', async () => {
    const code = await codeFor();
    stack.dynamoCalls.reset();

    const redeemed = await stack.post(REDEEM, redeemBody({ validation_code: code, external_reference_number: 'SEC-1' }), { program_id: '3' });

    expect(itemOf(redeemed).item_status.code).toBe(800);
    expect(stack.dynamoCalls.calls).toEqual(['GetItemCommand', 'GetItemCommand', 'TransactWriteItemsCommand']);
    expect(await balance()).toBe(400);
    const checkAgain = await stack.get(CHECK, { ...asha, points: '100', validation_code: code });
    expect(itemOf(checkAgain).item_status).toMatchObject({ code: 808, message: 'Validation code has already been used' });
    const redeemAgain = await stack.post(REDEEM, redeemBody({ validation_code: code, external_reference_number: 'SEC-2' }), { program_id: '3' });
    expect(itemOf(redeemAgain).item_status.code).toBe(808);
    expect(await balance()).toBe(400);
  });

  it('a repeat of the redemption with its used code answers the original, not 808', async () => {
    const code = await codeFor();
    const first = await stack.post(REDEEM, redeemBody({ validation_code: code, external_reference_number: 'SEC-3' }), { program_id: '3' });
    const again = await stack.post(REDEEM, redeemBody({ validation_code: code, external_reference_number: 'SEC-3' }), { program_id: '3' });
    expect(again.body).toEqual(first.body);
    expect(await balance()).toBe(400);
  });

  it('a redemption that fails leaves the code usable', async () => {
    const code = await codeFor(100);
    await setBalance(50); // spent elsewhere after the code was sent
    const refused = await stack.post(REDEEM, redeemBody({ validation_code: code }), { program_id: '3' });
    expect(itemOf(refused).item_status.code).toBe(818);
    await setBalance(500);
    const check = await stack.get(CHECK, { ...asha, points: '100', validation_code: code });
    expect(itemOf(check).item_status.code).toBe(800);
  });

  it('808 for a wrong code, a code for another amount, no code, or skip_validation where skipping is not allowed', async () => {
    const code = await codeFor(100);
    const wrong = code === '000000' ? '111111' : '000000';
    for (const [extra, query] of [
      [{ validation_code: wrong }, { program_id: '3' }],
      [{ validation_code: code, points_redeemed: 110 }, { program_id: '3' }],
      [{}, { program_id: '3' }],
      [{}, { program_id: '3', skip_validation: 'true' }],
    ] as const) {
      const answer = await stack.post(REDEEM, redeemBody(extra), query);
      expect(itemOf(answer).item_status.code).toBe(808);
    }
    expect(await balance()).toBe(500);
    // Still usable: the refused redemptions did not use it up.
    expect(itemOf(await stack.post(REDEEM, redeemBody({ validation_code: code }), { program_id: '3' })).item_status.code).toBe(800);
  });

  it('two redemptions racing with one code spend it once', async () => {
    const code = await codeFor();
    const answers = await Promise.all(
      ['RACE-1', 'RACE-2', 'RACE-3', 'RACE-4'].map((reference) =>
        stack.post(REDEEM, redeemBody({ validation_code: code, external_reference_number: reference }), { program_id: '3' }),
      ),
    );
    const codes = answers.map((answer) => itemOf(answer).item_status.code);
    expect(codes.filter((c) => c === 800)).toHaveLength(1);
    expect(codes.filter((c) => c !== 800).every((c) => c === 808)).toBe(true);
    expect(await balance()).toBe(400);
  });
});

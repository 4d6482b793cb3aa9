import { ItemCode } from '../../../functions/core/item-codes';
import type { Partner } from '../../../functions/core/model';
import { refusedCheck, type CheckSummary } from '../../../functions/core/use-cases/redemption-check-result';
import { redeemAnswer } from '../../../functions/http/answers/redeem-answer';
import { forPartner, refusalAnswer, statusAnswer, unavailableAnswer } from '../../../functions/http/envelope';

/** The HTTP status of a refusal is decided for the partner: 200 as the reference answers, or the REST status the key asks for. */
const byDefault: Partner = { orgId: 'demo', keyLabel: 'pos' };
const saidTwoHundred: Partner = { ...byDefault, failedCheckHttpStatus: 200 };
const rest: Partner = { ...byDefault, failedCheckHttpStatus: 400 };
const summary: CheckSummary = { customer: { mobile: '919900000001', email: '', externalId: '' }, identifiedBy: 'mobile', points: 100, input: { type: 'points' } };

describe('the HTTP status of an answer, for a partner', () => {
  it('a refusal is HTTP 200 with the same body, unless the key asks for REST statuses', () => {
    // Prepare
    const refused = refusalAnswer(400, { response: { status: { success: 'false', code: 500, message: 'All requests have failed due to errors' } } });

    // Act
    const plain = forPartner(refused, byDefault);
    const explicit = forPartner(refused, saidTwoHundred);
    const restful = forPartner(refused, rest);

    // Assess
    expect([plain.statusCode, explicit.statusCode, restful.statusCode]).toEqual([200, 200, 400]);
    expect(plain.body).toBe(refused.body);
    expect(restful).toBe(refused);
  });

  it('899 (the balance kept changing) is a refusal whose REST status is 409', () => {
    // Act
    const answer = redeemAnswer({ kind: 'busy', check: refusedCheck(summary, ItemCode.BALANCE_BUSY) });

    // Assess
    expect([forPartner(answer, byDefault).statusCode, forPartner(answer, rest).statusCode]).toEqual([200, 409]);
    expect((answer.body as any).response.responses.points.item_status).toMatchObject({ success: 'false', code: 899 });
  });

  it('leaves every other answer alone: a malformed request, a 401, a 503', () => {
    for (const answer of [statusAnswer(400, 'points: must be a positive whole number'), statusAnswer(401, 'Unauthorized'), unavailableAnswer('r-1', 'read')]) {
      expect(forPartner(answer, byDefault)).toBe(answer);
      expect(forPartner(answer, rest)).toBe(answer);
    }
  });
});

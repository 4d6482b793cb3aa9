/**
 * Item status codes of the Capillary points API (and the few of ours, marked). The message is the
 * default text; some are specialised where they are raised (807 names the multiple).
 */
export const ItemCode = {
  REDEEMABLE: 800,
  /** redeem: the reference (external_reference_number) belongs to another redemption. */
  REFERENCE_EXISTS: 744,
  INVALID_POINTS: 801,
  INVALID_IDENTIFIER: 802,
  INSUFFICIENT_CURRENT_POINTS: 804,
  INSUFFICIENT_LIFETIME_POINTS: 805,
  INSUFFICIENT_LIFETIME_PURCHASES: 806,
  NOT_A_MULTIPLE: 807,
  INVALID_VALIDATION_CODE: 808,
  FRAUD: 809,
  /** reverse: more points than remain to be reversed. */
  REVERSAL_POINTS_MISMATCH: 810,
  /** reverse: the redemption id or reference is malformed. */
  INVALID_REDEMPTION: 811,
  /** reverse: the redemption is fully reversed already. */
  ALREADY_REVERSED: 812,
  /** reverse: no such redemption for this customer (or another org's). */
  NO_POINTS_REDEEMED: 814,
  CUSTOMER_NOT_FOUND: 816,
  BALANCE_TOO_LOW: 818,
  ABOVE_MAXIMUM: 819,
  BELOW_MINIMUM: 821,
  MISSED_CALL_DISABLED: 823,
  REDEMPTION_DISABLED: 827,
  GROUP_NOT_CONFIGURED: 828,
  OTP_NOT_ISSUED: 860,
  OTP_FAILED_AFTER_PASS: 876,
  NOT_REGISTERED: 881,
  PROGRAM_NOT_CONFIGURED: 895,
  INVALID_PROGRAM: 1101,
  INVALID_GROUP: 1632,
  /** (ours) a parameter other than points, identifier or program id is malformed; the message names it. */
  INVALID_PARAMETER: 400,
  /** (ours) the requesting customer is not a member of the group, or a member who may not redeem its points. */
  GROUP_MEMBER_NOT_ALLOWED: 897,
  /** (ours) group_redemption=true, but no program of the org is linked to redeem its points in this one. */
  PROGRAMS_NOT_LINKED: 898,
  /** (ours) redeem: the balance kept changing under concurrent redemptions; nothing changed, retry with the same reference. */
  BALANCE_BUSY: 899,
} as const;
export type ItemCode = (typeof ItemCode)[keyof typeof ItemCode];

export const defaultItemMessage: Readonly<Record<ItemCode, string>> = {
  800: 'Points can be redeemed',
  744: 'Reference number already exists',
  801: 'Points you are trying to redeem are invalid',
  802: 'Mobile number/email id/external id you have entered is invalid',
  804: 'Insufficient current points',
  805: 'Insufficient lifetime points',
  806: 'Insufficient lifetime purchases amount',
  807: 'Points must be a multiple of the configured value',
  808: 'Validation code is invalid',
  809: 'Customer is marked as fraud',
  810: 'Points to reverse do not match the redemption',
  811: 'Invalid transaction number',
  812: 'Redemption already reversed',
  814: 'No points were redeemed in this redemption',
  816: 'Customer not found for organization',
  818: 'Current points are less than points requested for redemption',
  819: 'Points are more than the maximum allowed per redemption',
  821: 'Points are less than the minimum redemption limit',
  823: 'Missed call redemption is disabled for your organization',
  827: 'Points redemption is disabled',
  828: 'Points redemption not configured for the group',
  860: 'Unable to issue OTP',
  876: 'Points Redeemable but OTP Generation failed',
  881: 'Customer is not registered into the loyalty program',
  895: 'Loyalty program is not configured for your organization',
  1101: 'invalid programId passed',
  1632: 'Invalid or non-existent groupId',
  400: 'Invalid parameter',
  897: 'Customer is not allowed to redeem points of this group',
  898: 'Program is not linked to an earning program for group redemption',
  899: 'Points balance changed during the redemption; retry with the same external_reference_number',
};

import { PointsRedemptionError } from '../../../functions/core/errors';
import { StoredItemCorruptError } from '../../../functions/adapters/dynamodb/errors';
import { AdjustmentMessageError, HandlerError, PartnerLookupError } from '../../../functions/handlers/errors';
import {
  ConfigurationError,
  DeliveryFailedError,
  RandomSourceError,
  ValidationCodeError,
  ValidationCodesUnavailableError,
} from '../../../functions/core/validation-codes/errors';
import { ConfigError } from '../../../lib/config';
import { JavaRuntimeError, LocalStackError, PortInUseError } from '../../../local/errors';
import { SeedImportError, UnprocessedWritesError, UsageError } from '../../../scripts/seed-import/errors';

describe('the errors of every area', () => {
  const cause = new Error('the underlying failure');
  const errors: readonly [Error, string, Function][] = [
    [new ValidationCodeError('m', { cause }), 'ValidationCodeError', PointsRedemptionError],
    [new DeliveryFailedError('m', { cause }), 'DeliveryFailedError', ValidationCodeError],
    [new ValidationCodesUnavailableError('m', { cause }), 'ValidationCodesUnavailableError', ValidationCodeError],
    [new RandomSourceError('m', { cause }), 'RandomSourceError', ValidationCodeError],
    [new ConfigurationError('m', { cause }), 'ConfigurationError', ValidationCodeError],
    [new HandlerError('m', { cause }), 'HandlerError', PointsRedemptionError],
    [new PartnerLookupError({ cause }), 'PartnerLookupError', HandlerError],
    [new AdjustmentMessageError('id', 'reason'), 'AdjustmentMessageError', HandlerError],
    [new StoredItemCorruptError('ORG#1', ['no name']), 'StoredItemCorruptError', PointsRedemptionError],
    [new SeedImportError('m', { cause }), 'SeedImportError', PointsRedemptionError],
    [new UsageError('m', { cause }), 'UsageError', SeedImportError],
    [new UnprocessedWritesError(3, 5), 'UnprocessedWritesError', SeedImportError],
    [new LocalStackError('m', { cause }), 'LocalStackError', PointsRedemptionError],
    [new PortInUseError(3000, { cause }), 'PortInUseError', LocalStackError],
    [new JavaRuntimeError('m', { cause }), 'JavaRuntimeError', LocalStackError],
    [new ConfigError('m'), 'ConfigError', PointsRedemptionError],
  ];

  it.each(errors.map(([error, name, base]) => [name, error, base] as const))('%s names itself and extends its area base', (name, error, base) => {
    expect(error.name).toBe(name);
    expect(error).toBeInstanceOf(base);
    expect(error).toBeInstanceOf(PointsRedemptionError);
    expect(String(error)).toMatch(new RegExp(`^${name}: `));
  });

  it('passes the cause on, through the ES2022 error options', () => {
    const given = errors.filter(([, name]) => !['AdjustmentMessageError', 'StoredItemCorruptError', 'UnprocessedWritesError', 'ConfigError'].includes(name));
    expect(given).toHaveLength(12);
    for (const [error] of given) expect(error.cause).toBe(cause);
  });
});

import { inexactNumbers } from '../../../../functions/schemas/seed-file/json-numbers';

describe('inexactNumbers', () => {
  it.each([
    ['a whole number', '{"a": 2147483647}'],
    ['the largest whole number a double holds exactly', '[9007199254740991]'],
    ['a decimal that has a shortest form', '{"a": 0.1, "b": 25000.5, "c": 999999999999.999}'],
    ['trailing zeros and exponents', '[1.50, 1e3, 2.5E-3, 0.0, -0, 100e-2]'],
    ['digits inside strings, escaped quotes and keys', '{"9007199254740993": "9007199254740993", "x\\"1e400": [true, null, false]}'],
  ])('passes %s', (_, json) => {
    // Act / Assess
    expect(inexactNumbers(json)).toEqual([]);
  });

  it.each([
    ['a whole number beyond 2^53', '{"a": 9007199254740993}', ['a'], '9007199254740993 cannot be stored as written: it would be read as 9007199254740992'],
    ['a number beyond the double range', '{"a": [1, 1e400]}', ['a', 1], '1e400 cannot be stored as written: it would be read as Infinity'],
    ['a number below the double range', '[0, 1e-400]', [1], '1e-400 cannot be stored as written: it would be read as 0'],
    ['a decimal with more digits than a double keeps', '{"a": {"b": 1.00000000000000001}}', ['a', 'b'], '1.00000000000000001 cannot be stored as written: it would be read as 1'],
  ])('names %s by its path', (_, json, path, message) => {
    // Act / Assess
    expect(inexactNumbers(json)).toEqual([{ path, message }]);
  });

  it('follows positions and keys through nested arrays and objects', () => {
    // Prepare
    const json = '{"orgs": [{"id": "a"}, {"customers": [{}, {"programs": {"7": {"currentPoints": 9007199254740993}}}]}], "after": 12345678901234567890}';

    // Act
    const problems = inexactNumbers(json);

    // Assess
    expect(problems.map((problem) => problem.path)).toEqual([
      ['orgs', 1, 'customers', 1, 'programs', '7', 'currentPoints'],
      ['after'],
    ]);
  });
});

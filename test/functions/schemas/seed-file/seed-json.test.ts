import { readFileSync } from 'node:fs';
import { parseSeedJson } from '../../../../functions/schemas/seed-file/seed-json';
import { DEMO_SEED_FILE } from '../../../support/paths';

const demoText = () => readFileSync(DEMO_SEED_FILE, 'utf8');

describe('parseSeedJson', () => {
  it('reads the demo seed', () => {
    // Act
    const result = parseSeedJson(demoText());

    // Assess
    expect(result.success).toBe(true);
  });

  it('says a file that is not JSON is not, as a problem of the file', () => {
    // Act
    const result = parseSeedJson('{"orgs": [');

    // Assess
    expect(result).toEqual({ success: false, problems: [expect.stringMatching(/^\(file\): the file is not valid JSON: /)] });
  });

  it('names an inexact number once, for that reason, and still names every other problem', () => {
    // Prepare
    const text = demoText()
      .replace('"currentPoints": 800', '"currentPoints": 9007199254740993')
      .replace('"fraudStatus": "CONFIRMED"', '"fraudStatus": "confirmed"');

    // Act
    const result = parseSeedJson(text);

    // Assess
    expect(result).toEqual({
      success: false,
      problems: [
        'orgs[0].customers[1].programs.1.currentPoints: 9007199254740993 cannot be stored as written: it would be read as 9007199254740992',
        'orgs[0].customers[2].fraudStatus: must be an upper-case status such as NONE or MARKED',
      ],
    });
  });

  it('refuses an inexact number the schema alone would accept (a point value written as a number)', () => {
    // Prepare
    const text = demoText().replace('"pointValue": "0.25"', '"pointValue": 1234567890.0123456789');

    // Act
    const result = parseSeedJson(text);

    // Assess
    expect(result).toEqual({
      success: false,
      problems: ['orgs[0].programs[3].rules.pointValue: 1234567890.0123456789 cannot be stored as written: it would be read as 1234567890.0123458'],
    });
  });
});

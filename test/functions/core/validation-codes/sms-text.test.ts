import { DEFAULT_SMS_TEMPLATE, renderSmsText } from '../../../../functions/core/validation-codes/sms-text';

const values = { code: '482913', points: 250, programName: 'Acme Rewards', validityMinutes: 10 };

describe('renderSmsText', () => {
  it('fills the default template when the program has none', () => {
    // Act
    const text = renderSmsText(undefined, values);

    // Assess
    expect(text).toBe('482913 is your code to redeem 250 points at Acme Rewards. It expires in 10 minutes. Never share it.');
  });

  it('fills every placeholder of a program template, as often as it appears', () => {
    // Act
    const text = renderSmsText('{program}: use {code} for {points} pts ({minutes} min). Code {code}', values);

    // Assess
    expect(text).toBe('Acme Rewards: use 482913 for 250 pts (10 min). Code 482913');
  });

  it('inserts values as they are, never expanding placeholders inside them', () => {
    // Act
    const text = renderSmsText('{program} {code}', { ...values, programName: '{code} $& $1' });

    // Assess
    expect(text).toBe('{code} $& $1 482913');
  });

  it('falls back to the default when a template has no {code}', () => {
    // Act
    const text = renderSmsText('Welcome to {program}', values);

    // Assess
    expect(text).toBe(renderSmsText(DEFAULT_SMS_TEMPLATE, values));
  });
});

import { Outbox } from '../../local/outbox';

describe('Outbox', () => {
  it('lists what was sent newest first, with the time it was recorded', () => {
    // Prepare
    let now = Date.UTC(2099, 0, 1);
    const outbox = new Outbox({ now: () => now });

    // Act
    outbox.record({ channel: 'SMS', destination: '+919900000001', text: 'first' });
    now += 1000;
    outbox.record({ channel: 'MISSED_CALL', destination: '+919900000001', callerNumber: '+1555000123456' });

    // Assess
    expect(outbox.list()).toEqual([
      { channel: 'MISSED_CALL', destination: '+919900000001', callerNumber: '+1555000123456', sentAt: '2099-01-01T00:00:01.000Z' },
      { channel: 'SMS', destination: '+919900000001', text: 'first', sentAt: '2099-01-01T00:00:00.000Z' },
    ]);
  });

  it('keeps only the newest entries up to its capacity', () => {
    // Prepare
    const outbox = new Outbox({ capacity: 3 });

    // Act
    for (let i = 1; i <= 5; i += 1) outbox.record({ channel: 'SMS', destination: '+919900000001', text: `m${i}` });

    // Assess
    expect(outbox.list().map((entry) => (entry.channel === 'SMS' ? entry.text : ''))).toEqual(['m5', 'm4', 'm3']);
  });
});

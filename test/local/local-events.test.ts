import { withoutKeys } from '../../local/local-events';

/** GET /local/dead-letters shows what died, never a whole partner key, wherever a message put it. */
describe('the local dead letters', () => {
  const KEY = 'demo-earn-oJCUXATqeWsf0r7zaaYR6XBMsjtoBLMuxIDIG2HiTpQ';

  it.each([
    ['as apiKey', JSON.stringify({ apiKey: KEY, body: { reference: 'ORD-1' } })],
    ['under another name', JSON.stringify({ ApiKey: KEY, body: {} })],
    ['in a list', JSON.stringify({ apiKey: [KEY] })],
    ['in text that is not JSON', `apiKey=${KEY}; reference ORD-1`],
  ])('cuts a key given %s to its first 10 characters', (_how, body) => {
    const shown = withoutKeys(body);

    expect(shown).not.toContain(KEY.slice(10));
    expect(shown).toContain('demo-earn-…');
  });

  it('leaves what is no key as it is: references, mobile numbers, amounts', () => {
    const body = JSON.stringify({ body: { reference: 'ORD-881-earn', customer: { mobile: '919900000001' }, points: 150 } });

    expect(withoutKeys(body)).toBe(body);
  });
});

import { describe, expect, it } from 'vitest';
import { formatList } from '../../src/shell/format/list.js';
import { block, lines, obj, table } from './helpers.js';

const orgConfig = () =>
  obj(
    {
      Name: 'Contoso',
      MessageRecallEnabled: true,
      RecallReadMessagesEnabled: false,
      MessageRecallAlertRecipientsEnabled: true,
      MessageRecallMaxRecallableAge: null,
    },
    'Exosh.OrganizationConfig',
  );

describe('formatList: pwsh 7 list layout', () => {
  it('pads every label of an object to the longest one, then ` : `, with blank lines around entries', () => {
    const out = formatList([obj({ Identity: 'Policy1', Event: 'Drop', RecallEnabled: true }), obj({ Identity: 'Policy2', Event: 'Deliver' })], { width: 120 });
    expect(out).toBe(lines('', 'Identity      : Policy1', 'Event         : Drop', 'RecallEnabled : True', '', 'Identity : Policy2', 'Event    : Deliver', ''));
  });

  it('picks properties with a *Recall* wildcard', () => {
    const out = formatList([orgConfig()], { width: 120, properties: ['*Recall*'] });
    expect(out).toBe(
      lines(
        '',
        'MessageRecallEnabled                : True',
        'RecallReadMessagesEnabled           : False',
        'MessageRecallAlertRecipientsEnabled : True',
        'MessageRecallMaxRecallableAge       : ',
        '',
      ),
    );
  });

  it('shows every property for *, and leaves out a plain name the object lacks', () => {
    const all = formatList([orgConfig()], { width: 120, properties: ['*'] });
    expect(
      all
        .split('\n')
        .filter((l) => l.includes(' : '))
        .map((l) => l.split(' ')[0]),
    ).toEqual(['Name', 'MessageRecallEnabled', 'RecallReadMessagesEnabled', 'MessageRecallAlertRecipientsEnabled', 'MessageRecallMaxRecallableAge']);
    expect(formatList([orgConfig()], { width: 120, properties: ['name', 'Missing'] })).toBe(lines('', 'Name : Contoso', ''));
  });

  it('shows calculated properties under their label', () => {
    const calc = table([
      ['Name', 'Length'],
      ['Expression', block('$_.Name.Length', (o) => String((o as ReturnType<typeof obj>).get('Name')).length)],
    ]);
    expect(formatList([orgConfig()], { width: 120, properties: ['Name', calc] })).toBe(lines('', 'Name   : Contoso', 'Length : 7', ''));
  });

  it('indents the further lines of a multi-line value under the value column', () => {
    expect(formatList([obj({ Name: 'x', Body: 'line one\r\nline two' })], { width: 120 })).toBe(lines('', 'Name : x', 'Body : line one', '       line two', ''));
  });

  it('word-wraps a long value at the console width (119 usable cells of 120), the wrapped line keeping its blank', () => {
    const value = Array(30).fill('word').join(' ');
    const out = formatList([obj({ Subject: value })], { width: 120 });
    expect(out).toBe(lines('', 'Subject : ' + 'word '.repeat(21), ' '.repeat(10) + 'word '.repeat(8) + 'word', ''));
  });

  it('styles the label and its colon with $PSStyle.Formatting.FormatAccent when colour is on', () => {
    const out = formatList([obj({ Name: 'x', Body: 'a\nb' })], { width: 120, color: true });
    expect(out).toBe(lines('', '\x1b[32;1mName : \x1b[0mx', '\x1b[32;1mBody : \x1b[0ma', '       b', ''));
  });

  it('formats values as pwsh does: dates en-US, collections in braces, $null items', () => {
    const out = formatList([obj({ When: new Date(Date.UTC(2023, 7, 14, 21, 51, 20)), Items: ['a', null, 'c'], Ratio: 0.125 })], { width: 120 });
    expect(out).toBe(lines('', 'When  : 8/14/2023 9:51:20 PM', 'Items : {a, $null, c}', 'Ratio : 0.125', ''));
  });

  it('prints nothing for no objects', () => {
    expect(formatList([], { width: 120 })).toBe('');
  });
});

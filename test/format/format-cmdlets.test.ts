import { describe, expect, it } from 'vitest';
import { formatListCmdlet, formatTableCmdlet } from '../../src/cmdlets/utility/format.js';
import type { CmdletDefinition, ParamValues, ViewDefinition } from '../../src/shell/cmdlet.js';
import { FormattedText, type PSValue } from '../../src/shell/values.js';
import { fakeContext, runCmdlet, runPhases } from '../helpers/context.js';
import { block, lines, obj, table } from './helpers.js';

const people = () => [obj({ Name: 'alice', Count: 3, Mail: 'alice@contoso.com' }), obj({ Name: 'bob', Count: 12, Mail: 'bob@contoso.com' })];

/** The single FormattedText a Format-* run writes. */
function formatted(out: PSValue[]): string {
  expect(out).toHaveLength(1);
  expect(out[0]).toBeInstanceOf(FormattedText);
  return (out[0] as FormattedText).text;
}

function runWithViews(def: CmdletDefinition, params: ParamValues, input: PSValue[], views: Map<string, ViewDefinition>): PSValue[] {
  const { ctx, run } = fakeContext(def.name, Object.keys(params), process.cwd(), views);
  runPhases(def, ctx, params, input);
  return run.output;
}

describe('Format-Table', () => {
  it('declares ft, a positional -Property and the switches', () => {
    expect(formatTableCmdlet.aliases).toEqual(['ft']);
    expect(formatTableCmdlet.parameters.find((p) => p.name === 'Property')?.position).toBe(0);
    expect(formatTableCmdlet.parameters.filter((p) => p.type === 'switch').map((p) => p.name)).toEqual(['AutoSize', 'HideTableHeaders', 'Wrap']);
  });

  it('emits one FormattedText with all properties of the piped objects', () => {
    const text = formatted(runCmdlet(formatTableCmdlet, {}, people()).output);
    expect(text).toBe(lines('', 'Name  Count Mail', '----  ----- ----', 'alice     3 alice@contoso.com', 'bob      12 bob@contoso.com', ''));
  });

  it('takes names, wildcards and calculated properties', () => {
    const double = table([
      ['n', 'Double'],
      ['e', block('$_.Count * 2', (o) => ((o as ReturnType<typeof obj>).get('Count') as number) * 2)],
    ]);
    const text = formatted(runCmdlet(formatTableCmdlet, { Property: ['name', '*ai*', double], AutoSize: true }, people()).output);
    expect(text).toBe(lines('', 'Name  Mail              Double', '----  ----              ------', 'alice alice@contoso.com      6', 'bob   bob@contoso.com       24', ''));
  });

  it('shows at most 10 properties without -Property', () => {
    const wide = obj(Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`P${i}`, i])));
    const header = formatted(runCmdlet(formatTableCmdlet, {}, [wide]).output).split('\n')[1];
    expect(header.trim().split(/\s+/)).toEqual(['P0', 'P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7', 'P8', 'P9']);
  });

  it("uses the type's registered table view, and -AutoSize sizes its columns from the data", () => {
    const views = new Map<string, ViewDefinition>([['exosh.person', { typeName: 'Exosh.Person', kind: 'table', columns: [{ label: 'Who', property: 'Name', width: 12 }, 'Mail'] }]]);
    const input = people().map((p) => ((p.typeNames = ['Exosh.Person']), p));
    expect(formatted(runWithViews(formatTableCmdlet, {}, input, views))).toBe(
      lines('', 'Who          Mail', '---          ----', 'alice        alice@contoso.com', 'bob          bob@contoso.com', ''),
    );
    expect(formatted(runWithViews(formatTableCmdlet, { AutoSize: true }, input, views))).toBe(lines('', 'Who   Mail', '---   ----', 'alice alice@contoso.com', 'bob   bob@contoso.com', ''));
  });

  it('writes nothing when nothing is piped', () => {
    expect(runCmdlet(formatTableCmdlet, {}, []).output).toEqual([]);
    expect(runCmdlet(formatTableCmdlet, {}).output).toEqual([]);
  });
});

describe('Format-List', () => {
  const config = () => obj({ Identity: 'Contoso', MessageRecallEnabled: true, RecallReadMessagesEnabled: false, Other: 'x' });

  it('declares fl and a positional -Property', () => {
    expect(formatListCmdlet.aliases).toEqual(['fl']);
    expect(formatListCmdlet.parameters.find((p) => p.name === 'Property')?.position).toBe(0);
  });

  it('shows every property by default', () => {
    expect(formatted(runCmdlet(formatListCmdlet, {}, [config()]).output)).toBe(
      lines('', 'Identity                  : Contoso', 'MessageRecallEnabled      : True', 'RecallReadMessagesEnabled : False', 'Other                     : x', ''),
    );
  });

  it('picks *Recall* properties, and * shows them all', () => {
    expect(formatted(runCmdlet(formatListCmdlet, { Property: ['*Recall*'] }, [config()]).output)).toBe(lines('', 'MessageRecallEnabled      : True', 'RecallReadMessagesEnabled : False', ''));
    expect(formatted(runCmdlet(formatListCmdlet, { Property: '*' }, [config()]).output)).toBe(formatted(runCmdlet(formatListCmdlet, {}, [config()]).output));
  });

  it('formats an -InputObject given without the pipeline', () => {
    expect(formatted(runCmdlet(formatListCmdlet, { InputObject: obj({ a: 1 }) }).output)).toBe(lines('', 'a : 1', ''));
  });
});

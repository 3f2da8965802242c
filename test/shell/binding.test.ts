import { describe, expect, it } from 'vitest';
import { defineCmdlet, type ParamValues } from '../../src/shell/cmdlet.js';
import { PSObject, TimeSpan, type PSValue } from '../../src/shell/values.js';
import { runShell, type ShellRun } from '../helpers/shell.js';

/** Every bound parameter, as the cmdlet received it. */
function boundRecord(p: ParamValues): PSObject {
  const o = new PSObject('Test.Bound');
  for (const [k, v] of Object.entries(p)) o.set(k, v ?? null);
  return o;
}

const getTrace = defineCmdlet({
  name: 'Get-Trace',
  synopsis: 'records its bound parameters',
  parameters: [
    { name: 'SenderAddress', type: 'string', position: 0, aliases: ['From'] },
    { name: 'RecipientAddress', type: 'string[]', position: 1 },
    { name: 'StartDate', type: 'datetime' },
    { name: 'EndDate', type: 'datetime' },
    { name: 'PageSize', type: 'int', range: [1, 5000] },
    { name: 'Status', type: { enum: ['Delivered', 'Failed', 'Pending'] } },
    { name: 'Statuses', type: { enum: ['Delivered', 'Failed', 'Pending'], array: true } },
    { name: 'Enabled', type: 'bool' },
    { name: 'Force', type: 'switch' },
    { name: 'Window', type: 'timespan' },
    { name: 'Id', type: 'guid' },
  ],
  process: (ctx, p) => ctx.write(boundRecord(p)),
});

const getDetail = defineCmdlet({
  name: 'Get-Detail',
  synopsis: 'takes MessageTraceId and RecipientAddress by property name',
  parameters: [
    { name: 'MessageTraceId', type: 'guid', mandatory: true, fromPipelineByPropertyName: true },
    { name: 'RecipientAddress', type: 'string', mandatory: true, fromPipelineByPropertyName: true, aliases: ['Recipient'] },
  ],
  process: (ctx, p) => ctx.write(`${p.MessageTraceId}|${p.RecipientAddress}`),
});

const takeString = defineCmdlet({
  name: 'Take-String',
  synopsis: 'takes strings by value',
  parameters: [{ name: 'Name', type: 'string', mandatory: true, fromPipeline: true, position: 0 }],
  process: (ctx, p) => ctx.write(`<${p.Name}>`),
});

const needBoth = defineCmdlet({
  name: 'Need-Both',
  synopsis: 'two mandatory parameters',
  parameters: [
    { name: 'X', type: 'string', mandatory: true },
    { name: 'Y', type: 'string', mandatory: true },
  ],
  process: (ctx, p) => ctx.write(`${p.X}${p.Y}`),
});

const getDate = defineCmdlet({
  name: 'Get-Date',
  synopsis: 'the session clock',
  parameters: [],
  process: (ctx) => ctx.write(ctx.now()),
});

const cmdlets = [getTrace, getDetail, takeString, needBoth, getDate];

function run(text: string): ShellRun {
  return runShell(text, { cmdlets });
}

/** The parameters Get-Trace received for a call that must succeed. */
function bound(text: string): PSObject {
  const r = run(text);
  expect(r.errors).toEqual([]);
  expect(r.output).toHaveLength(1);
  return r.output[0] as PSObject;
}

function names(o: PSObject): string[] {
  return o.names().sort();
}

/** The one error a call gives. */
function error(text: string): string {
  const r = run(text);
  expect(r.output).toEqual([]);
  expect(r.errors).toHaveLength(1);
  return r.errors[0];
}

describe('parameter names', () => {
  it('match case-insensitively', () => {
    expect(bound('Get-Trace -senderaddress a@contoso.com').get('SenderAddress')).toBe('a@contoso.com');
    expect(bound('get-trace -SENDERADDRESS b').get('SenderAddress')).toBe('b');
  });

  it('may be shortened to a unique prefix', () => {
    const o = bound('Get-Trace -Sender a -Start 8/14/2023 -Page 10');
    expect(names(o)).toEqual(['PageSize', 'SenderAddress', 'StartDate']);
    expect(o.get('PageSize')).toBe(10);
  });

  it('report an ambiguous prefix with the pwsh text', () => {
    expect(error('Get-Trace -S x')).toBe(
      "Get-Trace: Parameter cannot be processed because the parameter name 'S' is ambiguous. Possible matches include: -SenderAddress -StartDate -Status -Statuses.",
    );
    expect(error('Get-Trace -E x')).toBe(
      "Get-Trace: Parameter cannot be processed because the parameter name 'E' is ambiguous. Possible matches include: -EndDate -Enabled -ErrorAction -ErrorVariable.",
    );
  });

  it('prefer an exact name over longer names with the same prefix', () => {
    expect(names(bound('Get-Trace -Status failed'))).toEqual(['Status']);
  });

  it('accept aliases', () => {
    expect(bound('Get-Trace -From x@contoso.com').get('SenderAddress')).toBe('x@contoso.com');
    expect(bound('Get-Trace -from:y').get('SenderAddress')).toBe('y');
  });

  it('report an unknown name with the pwsh text', () => {
    const r = run('Get-Trace -Foo 1');
    expect(r.errors).toEqual(["Get-Trace: A parameter cannot be found that matches parameter name 'Foo'."]);
    expect(r.errorRecords[0].errorId).toBe('NamedParameterNotFound,Get-Trace');
    expect(r.errorRecords[0].exception).toBe('ParameterBindingException');
  });

  it('report a parameter given twice', () => {
    expect(error('Get-Trace -PageSize 5 -PageSize 6')).toBe(
      'Get-Trace: Cannot bind parameter because parameter \'PageSize\' is specified more than once. To provide multiple values to parameters that can accept multiple values, use the array syntax. For example, "-parameter value1,value2,value3".',
    );
  });
});

describe('unknown commands', () => {
  it('report the pwsh "not recognized" text', () => {
    const r = run('Get-Foo');
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].split('\n')[0]).toBe("Get-Foo: The term 'Get-Foo' is not recognized as a name of a cmdlet, function, script file, or executable program.");
    expect(r.errorRecords[0].message.split('\n')[1]).toBe('Check the spelling of the name, or if a path was included, verify that the path is correct and try again.');
    expect(r.errorRecords[0].category).toBe('ObjectNotFound');
  });
});

describe('positional parameters', () => {
  it('bind by position', () => {
    const o = bound('Get-Trace a@contoso.com b@contoso.com');
    expect(o.get('SenderAddress')).toBe('a@contoso.com');
    expect(o.get('RecipientAddress')).toEqual(['b@contoso.com']);
  });

  it('skip positions already bound by name', () => {
    const o = bound('Get-Trace -SenderAddress s r1,r2');
    expect(o.get('RecipientAddress')).toEqual(['r1', 'r2']);
  });

  it('report an argument no position takes', () => {
    expect(error('Get-Trace a b c')).toBe("Get-Trace: A positional parameter cannot be found that accepts argument 'c'.");
    expect(error('Get-Detail x')).toBe("Get-Detail: A positional parameter cannot be found that accepts argument 'x'.");
  });
});

describe('switches', () => {
  it('are true when present, false with -Switch:$false', () => {
    expect(bound('Get-Trace -Force').get('Force')).toBe(true);
    expect(bound('Get-Trace -Force:$false').get('Force')).toBe(false);
    expect(bound('Get-Trace -Force:$true').get('Force')).toBe(true);
  });

  it('do not take the next argument', () => {
    const o = bound('Get-Trace -Force someone');
    expect(o.get('Force')).toBe(true);
    expect(o.get('SenderAddress')).toBe('someone');
  });
});

describe('argument values and conversion', () => {
  it('report a missing argument with the parameter type', () => {
    expect(error('Get-Trace -SenderAddress')).toBe("Get-Trace: Missing an argument for parameter 'SenderAddress'. Specify a parameter of type 'System.String' and try again.");
    expect(error('Get-Trace -PageSize')).toBe("Get-Trace: Missing an argument for parameter 'PageSize'. Specify a parameter of type 'System.Int32' and try again.");
    expect(error('Get-Trace -StartDate -Force')).toBe("Get-Trace: Missing an argument for parameter 'StartDate'. Specify a parameter of type 'System.DateTime' and try again.");
  });

  it('builds string[] from a,b and wraps a single value', () => {
    expect(bound('Get-Trace -RecipientAddress a@x.com,b@x.com, c@x.com').get('RecipientAddress')).toEqual(['a@x.com', 'b@x.com', 'c@x.com']);
    expect(bound('Get-Trace -RecipientAddress one').get('RecipientAddress')).toEqual(['one']);
    expect(bound('Get-Trace -RecipientAddress 1,2').get('RecipientAddress')).toEqual(['1', '2']);
  });

  it('converts to string and int', () => {
    expect(bound('Get-Trace -SenderAddress 42').get('SenderAddress')).toBe('42');
    expect(bound("Get-Trace -PageSize '25'").get('PageSize')).toBe(25);
    expect(error('Get-Trace -PageSize abc')).toBe(
      'Get-Trace: Cannot bind parameter \'PageSize\'. Cannot convert value "abc" to type "System.Int32". Error: "The input string \'abc\' was not in a correct format."',
    );
    expect(error('Get-Trace -PageSize 3,4')).toBe('Get-Trace: Cannot bind parameter \'PageSize\'. Cannot convert the "System.Object[]" value of type "System.Object[]" to type "System.Int32".');
  });

  it('converts to bool only from booleans and numbers', () => {
    expect(bound('Get-Trace -Enabled $true').get('Enabled')).toBe(true);
    expect(bound('Get-Trace -Enabled 1').get('Enabled')).toBe(true);
    expect(bound('Get-Trace -Enabled 0').get('Enabled')).toBe(false);
    expect(bound('Get-Trace -Enabled:$false').get('Enabled')).toBe(false);
    expect(error('Get-Trace -Enabled yes')).toBe(
      'Get-Trace: Cannot process argument transformation on parameter \'Enabled\'. Cannot convert value "System.String" to type "System.Boolean". Boolean parameters accept only Boolean values and numbers, such as $True, $False, 1 or 0.',
    );
  });

  it('converts a bare 8/14/2023 to a DateTime', () => {
    const d = bound('Get-Trace -StartDate 8/14/2023').get('StartDate') as Date;
    expect(d).toBeInstanceOf(Date);
    expect(d.toISOString()).toBe('2023-08-14T00:00:00.000Z');
  });

  it('converts "8/14/2023 9:51:20 PM" to a DateTime', () => {
    const d = bound('Get-Trace -StartDate "8/14/2023 9:51:20 PM"').get('StartDate') as Date;
    expect(d.toISOString()).toBe('2023-08-14T21:51:20.000Z');
  });

  it('converts ISO 8601 2023-08-14T21:51:20Z to a DateTime', () => {
    const d = bound('Get-Trace -EndDate 2023-08-14T21:51:20Z').get('EndDate') as Date;
    expect(d.toISOString()).toBe('2023-08-14T21:51:20.000Z');
    const o = bound("Get-Trace -EndDate '2023-08-14T23:51:20+02:00'").get('EndDate') as Date;
    expect(o.toISOString()).toBe('2023-08-14T21:51:20.000Z');
  });

  it('takes (Get-Date).AddDays(-7) as a DateTime argument', () => {
    const d = bound('Get-Trace -StartDate (Get-Date).AddDays(-7) -EndDate (Get-Date)');
    expect((d.get('StartDate') as Date).toISOString()).toBe('2023-08-08T12:00:00.000Z');
    expect((d.get('EndDate') as Date).toISOString()).toBe('2023-08-15T12:00:00.000Z');
  });

  it('takes $result.recipientaddress as an argument', () => {
    const o = bound("$result = [pscustomobject]@{ RecipientAddress = 'r@contoso.com' }; Get-Trace -RecipientAddress $result.recipientaddress");
    expect(o.get('RecipientAddress')).toEqual(['r@contoso.com']);
  });

  it('reports a value that is not a date with the pwsh text', () => {
    expect(error('Get-Trace -StartDate notadate')).toBe(
      'Get-Trace: Cannot bind parameter \'StartDate\'. Cannot convert value "notadate" to type "System.DateTime". Error: "String \'notadate\' was not recognized as a valid DateTime."',
    );
    expect(error('Get-Trace -StartDate 2/30/2023')).toBe(
      'Get-Trace: Cannot bind parameter \'StartDate\'. Cannot convert value "2/30/2023" to type "System.DateTime". Error: "String \'2/30/2023\' was not recognized as a valid DateTime."',
    );
  });

  it('converts to TimeSpan and Guid', () => {
    expect(bound('Get-Trace -Window 01:30:00').get('Window')).toEqual(new TimeSpan(5_400_000));
    expect(bound('Get-Trace -Id 0F3A1B2C-1111-2222-3333-444455556666').get('Id')).toBe('0f3a1b2c-1111-2222-3333-444455556666');
    expect(error('Get-Trace -Id nope')).toBe(
      'Get-Trace: Cannot bind parameter \'Id\'. Cannot convert value "nope" to type "System.Guid". Error: "Guid should contain 32 digits with 4 dashes (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)."',
    );
  });

  it('matches enum values case-insensitively and keeps the declared spelling', () => {
    expect(bound('Get-Trace -Status failed').get('Status')).toBe('Failed');
    expect(bound('Get-Trace -Statuses pending,DELIVERED').get('Statuses')).toEqual(['Pending', 'Delivered']);
  });

  it('reports a value outside a ValidateSet with the pwsh text', () => {
    const r = run('Get-Trace -Status Lost');
    expect(r.errors).toEqual([
      'Get-Trace: Cannot validate argument on parameter \'Status\'. The argument "Lost" does not belong to the set "Delivered,Failed,Pending" specified by the ValidateSet attribute. Supply an argument that is in the set and then try the command again.',
    ]);
    expect(r.errorRecords[0].errorId).toBe('ParameterArgumentValidationError,Get-Trace');
  });

  it('reports a value outside a ValidateRange with the pwsh texts', () => {
    expect(error('Get-Trace -PageSize 5001')).toBe(
      "Get-Trace: Cannot validate argument on parameter 'PageSize'. The 5001 argument is greater than the maximum allowed range of 5000. Supply an argument that is less than or equal to 5000 and then try the command again.",
    );
    expect(error('Get-Trace -PageSize 0')).toBe(
      "Get-Trace: Cannot validate argument on parameter 'PageSize'. The 0 argument is less than the minimum allowed range of 1. Supply an argument that is greater than or equal to 1 and then try the command again.",
    );
    expect(error('Get-Trace -PageSize -5')).toBe(
      "Get-Trace: Cannot validate argument on parameter 'PageSize'. The -5 argument is less than the minimum allowed range of 1. Supply an argument that is greater than or equal to 1 and then try the command again.",
    );
  });

  it('reports null for a DateTime parameter', () => {
    expect(error('Get-Trace -StartDate $null')).toBe('Get-Trace: Cannot bind parameter \'StartDate\'. Cannot convert null to type "System.DateTime".');
  });

  it('splats a hashtable as named parameters', () => {
    const o = bound("$p = @{ SenderAddress = 's'; PageSize = 3; Force = $true }; Get-Trace @p");
    expect(names(o)).toEqual(['Force', 'PageSize', 'SenderAddress']);
  });
});

describe('common parameters', () => {
  it('accept ErrorAction names and numbers, and reject others', () => {
    expect(run('Get-Trace -ErrorAction SilentlyContinue').errors).toEqual([]);
    expect(run('Get-Trace -ea 1').errors).toEqual([]);
    expect(error('Get-Trace -ErrorAction Bogus')).toBe(
      'Get-Trace: Cannot validate argument on parameter \'ErrorAction\'. The argument "Bogus" does not belong to the set "SilentlyContinue,Stop,Continue,Inquire,Ignore,Suspend,Break" specified by the ValidateSet attribute. Supply an argument that is in the set and then try the command again.',
    );
  });

  it('do not offer -WhatIf to a command without ShouldProcess', () => {
    expect(error('Get-Trace -WhatIf')).toBe("Get-Trace: A parameter cannot be found that matches parameter name 'WhatIf'.");
  });
});

describe('mandatory parameters', () => {
  it('report every missing mandatory parameter', () => {
    const r = run('Need-Both');
    expect(r.errors).toEqual(['Need-Both: Cannot process command because of one or more missing mandatory parameters: X Y.']);
    expect(r.errorRecords[0].errorId).toBe('MissingMandatoryParameter,Need-Both');
    expect(error('Need-Both -X a')).toBe('Need-Both: Cannot process command because of one or more missing mandatory parameters: Y.');
    expect(run('Need-Both -X a -Y b').output).toEqual(['ab']);
  });

  it('report a mandatory parameter bound to $null', () => {
    expect(error('Need-Both -X $null -Y b')).toBe("Need-Both: Cannot bind argument to parameter 'X' because it is null.");
  });

  it('apply to functions too', () => {
    const r = runShell('function f { param([Parameter(Mandatory=$true)]$Name, [Parameter(Mandatory)]$Other) $Name }; f');
    expect(r.errors).toEqual(['f: Cannot process command because of one or more missing mandatory parameters: Name Other.']);
  });
});

describe('pipeline input', () => {
  it('binds by value', () => {
    expect(run("'a', 'b' | Take-String").output).toEqual(['<a>', '<b>']);
    expect(run('1, 2 | Take-String').output).toEqual(['<1>', '<2>']);
  });

  it('does not demand a mandatory parameter that the pipeline will supply', () => {
    const r = run("'x' | Take-String");
    expect(r.errors).toEqual([]);
    expect(run('Take-String').errors).toEqual(['Take-String: Cannot process command because of one or more missing mandatory parameters: Name.']);
  });

  it('binds MessageTraceId and RecipientAddress by property name', () => {
    const r = run(`
      $rows = [pscustomobject]@{ MessageTraceId = '0f3a1b2c-1111-2222-3333-444455556666'; RecipientAddress = 'a@contoso.com'; Other = 1 },
              [pscustomobject]@{ RecipientAddress = 'b@contoso.com'; messagetraceid = '0f3a1b2c-1111-2222-3333-777777777777' }
      $rows | Get-Detail`);
    expect(r.errors).toEqual([]);
    expect(r.output).toEqual(['0f3a1b2c-1111-2222-3333-444455556666|a@contoso.com', '0f3a1b2c-1111-2222-3333-777777777777|b@contoso.com']);
  });

  it('binds by property name through an alias and from hashtables', () => {
    const r = run("@{ MessageTraceId = '0f3a1b2c-1111-2222-3333-444455556666'; Recipient = 'r@x.com' } | Get-Detail");
    expect(r.output).toEqual(['0f3a1b2c-1111-2222-3333-444455556666|r@x.com']);
  });

  it('reports an input object that lacks a mandatory property, and goes on with the next', () => {
    const r = run(`
      [pscustomobject]@{ MessageTraceId = '0f3a1b2c-1111-2222-3333-444455556666' },
      [pscustomobject]@{ MessageTraceId = '0f3a1b2c-1111-2222-3333-444455556666'; RecipientAddress = 'ok@x.com' } | Get-Detail`);
    expect(r.errors).toEqual(['Get-Detail: The input object cannot be bound because it did not contain the information required to bind all mandatory parameters:  RecipientAddress']);
    expect(r.errorRecords[0].errorId).toBe('InputObjectMissingMandatory,Get-Detail');
    expect(r.output).toEqual(['0f3a1b2c-1111-2222-3333-444455556666|ok@x.com']);
  });

  it('reports input that binds to nothing', () => {
    const r = run("'text' | Get-Trace");
    expect(r.errors).toEqual([
      'Get-Trace: The input object cannot be bound to any parameters for the command either because the command does not take pipeline input or the input and its properties do not match any of the parameters that take pipeline input.',
    ]);
  });

  it('binds by property name in functions', () => {
    const r = runShell(
      "function Show-Row { param([Parameter(ValueFromPipelineByPropertyName)][string]$Name) process { \"row $Name\" } }; [pscustomobject]@{ Name = 'a' }, [pscustomobject]@{ Name = 'b' } | Show-Row",
    );
    expect(r.output).toEqual(['row a', 'row b']);
  });

  it('binds by value in functions', () => {
    const r = runShell('function Twice { param([Parameter(ValueFromPipeline)][int]$N) process { $N * 2 } }; 1, 2 | Twice');
    expect(r.output).toEqual([2, 4]);
  });
});

describe('function parameters', () => {
  it('converts to declared types and applies ValidateSet', () => {
    expect(runShell("function f([int]$n) { $n + 1 }; f '41'").output).toEqual([42]);
    const r = runShell("function g { param([ValidateSet('Red','Blue')][string]$Color) $Color }; g blue; g green");
    expect(r.output).toEqual(['Blue']);
    expect(r.errors).toEqual([
      'g: Cannot validate argument on parameter \'Color\'. The argument "green" does not belong to the set "Red,Blue" specified by the ValidateSet attribute. Supply an argument that is in the set and then try the command again.',
    ]);
  });

  it('binds switches and prefixes', () => {
    const out: PSValue[] = runShell('function f { param([switch]$Force, $Name) "$Force $Name" }; f -Fo -Na x; f -Force:$false').output;
    expect(out).toEqual(['True x', 'False ']);
  });

  it('reports an unknown parameter', () => {
    expect(runShell('function f($a) { $a }; f -b 1').errors).toEqual(["f: A parameter cannot be found that matches parameter name 'b'."]);
  });

  it('reports a missing argument with the declared type', () => {
    expect(runShell('function f([int]$n, $o) { $n }; f -n').errors).toEqual(["f: Missing an argument for parameter 'n'. Specify a parameter of type 'System.Int32' and try again."]);
    expect(runShell('function f([int]$n, $o) { $n }; f -o').errors).toEqual(["f: Missing an argument for parameter 'o'. Specify a parameter of type 'System.Object' and try again."]);
  });

  it('takes a default value without swallowing the next parameter', () => {
    expect(runShell('function p { param($a = 4, $b) "$a|$b" }; p; p -b 2').output).toEqual(['4|', '4|2']);
  });
});

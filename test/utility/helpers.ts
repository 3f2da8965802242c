// Hand-made script blocks and objects for the object-cmdlet tests.
import { getMember } from '../../src/shell/members.js';
import { PSObject, PSValue, ScriptBlockValue } from '../../src/shell/values.js';

/** `{ $_.Name }` */
export function prop(name: string): ScriptBlockValue {
  return new ScriptBlockValue(`$_.${name}`, (u) => [getMember(u ?? null, name) ?? null]);
}

/** A script block from a JS function of `$_`. */
export function block(text: string, f: (u: PSValue | undefined, args: PSValue[]) => PSValue[]): ScriptBlockValue {
  return new ScriptBlockValue(text, f);
}

export function obj(record: Record<string, PSValue>, typeName?: string): PSObject {
  return PSObject.from(record, typeName);
}

/** Message-trace-like rows. */
export function traces(): PSObject[] {
  return [
    obj({ Subject: 'Invoice', SenderAddress: 'a@contoso.com', Status: 'Delivered', Size: 100 }, 'Exchange.MessageTrace'),
    obj({ Subject: 'Lunch', SenderAddress: 'b@contoso.com', Status: 'Failed', Size: 50 }, 'Exchange.MessageTrace'),
    obj({ Subject: 'Report', SenderAddress: 'a@contoso.com', Status: 'failed', Size: 300 }, 'Exchange.MessageTrace'),
  ];
}

// ConvertTo-Json and ConvertFrom-Json, as PowerShell 7 behaves
// (src/Microsoft.PowerShell.Commands.Utility/commands/utility/WebCmdlet/JsonObject.cs,
// ConvertToJsonCommand.cs, ConvertFromJsonCommand.cs).

import { defineCmdlet, type CmdletDefinition } from '../../shell/cmdlet.js';
import { toStr } from '../../shell/convert.js';
import { toJsonText } from '../../shell/format/modes.js';
import { convertFromJson, JsonSyntaxError, type ParseOptions } from '../../shell/json-values.js';
import type { PSValue } from '../../shell/values.js';

const on = (v: PSValue | undefined) => v === true;

// ---------------------------------------------------------------------------------------------
// ConvertTo-Json

export const convertToJsonCmdlet: CmdletDefinition = defineCmdlet({
  name: 'ConvertTo-Json',
  module: 'Microsoft.PowerShell.Utility',
  synopsis: 'Converts an object to a JSON-formatted string.',
  description: 'Writes the piped objects as JSON: one object as itself, several as an array. Objects nested deeper than -Depth (default 2) ' + 'are written as their string form, with a warning.',
  examples: [
    { code: 'Get-MessageTrace | Select-Object -First 2 | ConvertTo-Json', remarks: 'Two trace rows as a JSON array.' },
    { code: 'Get-OrganizationConfig | ConvertTo-Json -Depth 5 -Compress', remarks: 'One line of JSON, nesting kept to five levels.' },
  ],
  parameters: [
    { name: 'InputObject', type: 'object', position: 0, mandatory: true, fromPipeline: true, allowNull: true, help: 'The objects to convert.' },
    { name: 'Depth', type: 'int', range: [0, 100], help: 'How many levels of contained objects are written (default 2).' },
    { name: 'Compress', type: 'switch', help: 'Omits white space and indentation.' },
    { name: 'AsArray', type: 'switch', help: 'Writes an array even for a single object.' },
    { name: 'EnumsAsStrings', type: 'switch', help: 'Accepted for compatibility; exosh values carry no enums.' },
  ],
  begin: (): PSValue[] => [],
  process(ctx, params, input, objects) {
    if (input !== undefined) objects.push(input);
    else if (ctx.bound.has('InputObject')) objects.push(params.InputObject ?? null);
  },
  end(ctx, params, objects) {
    if (objects.length === 0) return;
    const depth = typeof params.Depth === 'number' ? params.Depth : 2;
    let warned = false;
    const value = objects.length > 1 || on(params.AsArray) ? objects : objects[0];
    const text = toJsonText(value, {
      depth,
      compress: on(params.Compress),
      onTruncate: () => {
        if (warned) return;
        warned = true;
        ctx.writeWarning(`Resulting JSON is truncated as serialization has exceeded the set depth of ${depth}.`);
      },
    });
    ctx.write(text);
  },
});

// ---------------------------------------------------------------------------------------------
// ConvertFrom-Json

export const convertFromJsonCmdlet: CmdletDefinition = defineCmdlet({
  name: 'ConvertFrom-Json',
  module: 'Microsoft.PowerShell.Utility',
  synopsis: 'Converts a JSON-formatted string to custom objects.',
  description:
    'Reads JSON text into objects with a property for each field; arrays are written to the pipeline one item at a time. ' +
    'Lines piped one by one (e.g. from Get-Content) are joined into one document unless each line is JSON on its own. ' +
    'ISO 8601 date strings become DateTime values.',
  examples: [
    { code: 'Get-Content ./mailboxes.json -Raw | ConvertFrom-Json', remarks: 'Reads a JSON file into objects.' },
    { code: '\'{"Enabled": true}\' | ConvertFrom-Json -AsHashtable', remarks: 'Reads into an ordered hashtable.' },
  ],
  parameters: [
    { name: 'InputObject', type: 'string', position: 0, mandatory: true, fromPipeline: true, help: 'The JSON text.' },
    { name: 'AsHashtable', type: 'switch', help: 'Returns ordered hashtables instead of objects.' },
    { name: 'Depth', type: 'int', range: [1, 2147483647], help: 'Maximum nesting depth allowed (default 1024).' },
    { name: 'NoEnumerate', type: 'switch', help: 'Writes a JSON array as one array object.' },
  ],
  begin: (): string[] => [],
  process(ctx, params, input, texts) {
    const text = input !== undefined ? input : params.InputObject;
    if (text === undefined) return;
    texts.push(typeof text === 'string' ? text : toStr(text));
  },
  end(ctx, params, texts) {
    if (texts.length === 0) return;
    const opts: ParseOptions = {
      asHashtable: on(params.AsHashtable),
      maxDepth: typeof params.Depth === 'number' ? params.Depth : 1024,
    };
    const emit = (value: PSValue) => {
      if (Array.isArray(value) && !on(params.NoEnumerate)) for (const item of value) ctx.write(item);
      else ctx.write(value);
    };
    const convert = (text: string): boolean => {
      const value = convertFromJson(text, opts);
      emit(value);
      return value !== null;
    };
    if (texts.length === 1) {
      convert(texts[0]);
      return;
    }
    // pwsh tries the first piece alone: if it is a whole document, every piece is one;
    // otherwise the pieces are lines of a single document.
    let each = false;
    try {
      each = convert(texts[0]);
    } catch (e) {
      if (!(e instanceof JsonSyntaxError)) throw e;
    }
    if (each) for (const t of texts.slice(1)) convert(t);
    else convert(texts.join('\n'));
  },
});

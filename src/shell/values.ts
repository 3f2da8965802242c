// The runtime value model of the shell language.
//
// Primitives are plain JS values (string, number, boolean, null). Arrays are JS arrays.
// Everything with named properties is a PSObject (ordered, case-insensitive names) or a
// Hashtable (case-insensitive keys). Both keep keys in a Map so that names such as
// `__proto__` or `constructor` are plain data and never touch JS prototypes.

export type PSValue = null | string | number | boolean | Date | TimeSpan | PSObject | Hashtable | ScriptBlockValue | FormattedText | PSValue[];

/** A property bag with case-insensitive, insertion-ordered property names. */
export class PSObject {
  private readonly props = new Map<string, { name: string; value: PSValue }>();
  /** Most specific type first, like PowerShell's PSObject.TypeNames. */
  typeNames: string[];
  /** Text shown when the object is converted to a string (like a .NET ToString override). */
  display?: string;
  /** The host-side object this one stands for (e.g. the error behind an ErrorRecord). */
  source?: unknown;

  constructor(typeName = 'System.Management.Automation.PSCustomObject', entries?: Iterable<[string, PSValue]>) {
    this.typeNames = [typeName];
    if (entries) for (const [k, v] of entries) this.set(k, v);
  }

  static from(record: Record<string, PSValue>, typeName?: string): PSObject {
    return new PSObject(typeName, Object.entries(record));
  }

  get typeName(): string {
    return this.typeNames[0];
  }

  has(name: string): boolean {
    return this.props.has(name.toLowerCase());
  }

  get(name: string): PSValue | undefined {
    return this.props.get(name.toLowerCase())?.value;
  }

  /** Sets a property; an existing property keeps its position and original spelling. */
  set(name: string, value: PSValue): void {
    const key = name.toLowerCase();
    const existing = this.props.get(key);
    if (existing) existing.value = value;
    else this.props.set(key, { name, value });
  }

  delete(name: string): void {
    this.props.delete(name.toLowerCase());
  }

  /** Property names in order, with their declared spelling. */
  names(): string[] {
    return [...this.props.values()].map((p) => p.name);
  }

  entries(): [string, PSValue][] {
    return [...this.props.values()].map((p) => [p.name, p.value]);
  }

  get size(): number {
    return this.props.size;
  }
}

/** A PowerShell hashtable (`@{}`) or ordered dictionary (`[ordered]@{}`). Keys compare case-insensitively. */
export class Hashtable {
  private readonly map = new Map<string, { key: PSValue; value: PSValue }>();

  constructor(readonly ordered = false) {}

  private static keyOf(key: PSValue): string {
    return typeof key === 'string' ? 's:' + key.toLowerCase() : typeof key + ':' + String(key);
  }

  get(key: PSValue): PSValue | undefined {
    return this.map.get(Hashtable.keyOf(key))?.value;
  }

  has(key: PSValue): boolean {
    return this.map.has(Hashtable.keyOf(key));
  }

  set(key: PSValue, value: PSValue): void {
    const k = Hashtable.keyOf(key);
    const existing = this.map.get(k);
    if (existing) existing.value = value;
    else this.map.set(k, { key, value });
  }

  delete(key: PSValue): void {
    this.map.delete(Hashtable.keyOf(key));
  }

  keys(): PSValue[] {
    return [...this.map.values()].map((e) => e.key);
  }

  entries(): [PSValue, PSValue][] {
    return [...this.map.values()].map((e) => [e.key, e.value]);
  }

  get size(): number {
    return this.map.size;
  }
}

/** System.TimeSpan, held as whole milliseconds. */
export class TimeSpan {
  constructor(readonly ms: number) {}

  static fromParts(days: number, hours: number, minutes: number, seconds: number, ms = 0): TimeSpan {
    return new TimeSpan((((days * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000 + ms);
  }

  get totalDays(): number {
    return this.ms / 86_400_000;
  }
  get totalHours(): number {
    return this.ms / 3_600_000;
  }
  get totalMinutes(): number {
    return this.ms / 60_000;
  }
  get totalSeconds(): number {
    return this.ms / 1000;
  }

  /** .NET's "c" format: [-][d.]hh:mm:ss[.fffffff] */
  toString(): string {
    const neg = this.ms < 0;
    let rest = Math.abs(this.ms);
    const days = Math.floor(rest / 86_400_000);
    rest -= days * 86_400_000;
    const h = Math.floor(rest / 3_600_000);
    rest -= h * 3_600_000;
    const m = Math.floor(rest / 60_000);
    rest -= m * 60_000;
    const s = Math.floor(rest / 1000);
    rest -= s * 1000;
    const p2 = (n: number) => String(n).padStart(2, '0');
    const frac = rest ? '.' + String(rest * 10_000).padStart(7, '0') : '';
    return `${neg ? '-' : ''}${days ? days + '.' : ''}${p2(h)}:${p2(m)}:${p2(s)}${frac}`;
  }
}

/**
 * A script block value. The evaluator owns its AST and closure; other layers only invoke it
 * through the `invoke` function that the evaluator attaches.
 */
export class ScriptBlockValue {
  constructor(
    readonly text: string,
    /** Runs the block with `$_` (and `$PSItem`) set to `dollarUnder`, and the given `$args`. */
    readonly invoke: (dollarUnder: PSValue | undefined, args: PSValue[]) => PSValue[],
    /** The parsed block, when the evaluator made it (opaque to other layers). */
    readonly ast?: unknown,
  ) {}

  toString(): string {
    return this.text;
  }
}

export function isPSObjectLike(v: unknown): v is PSObject | Hashtable {
  return v instanceof PSObject || v instanceof Hashtable;
}

/**
 * Text already laid out by Format-Table / Format-List. Out-Default prints it as it is,
 * which is why `... | fl` at the end of a pipeline shows the list.
 */
export class FormattedText {
  constructor(readonly text: string) {}
}
